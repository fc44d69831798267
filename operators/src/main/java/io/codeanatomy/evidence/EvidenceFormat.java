package io.codeanatomy.evidence;

import java.nio.ByteBuffer;

/**
 * The versioned payload formats of evidence, on the wire and in the align operator's keyed state.
 * A payload starts with {@link #MAGIC}, the format's tag and its version; the first build wrote no
 * such prefix (format version 1, which starts with a non-negative length), so the prefix itself tells
 * the two apart. Raise {@code current} whenever a format's layout changes, and keep reading the old.
 */
public enum EvidenceFormat {
    /** The file's identity, metadata and line starts ({@link FileHeader}). Version 1 never existed. */
    FILE_HEADER(1, 2),
    /** The tree-sitter extraction and scope model of one file. Version 1 carried the whole file change. */
    CST(2, 2),
    /** CPython's ast and symtable answers for one file. */
    CPYTHON(3, 2);

    /** Negative, so no format-1 payload (which starts with a length) begins with it. */
    public static final int MAGIC = 0xCA7E_0E71;

    final int tag;
    final int current;

    EvidenceFormat(int tag, int current) {
        this.tag = tag;
        this.current = current;
    }

    public int current() {
        return current;
    }

    /** The version a payload of this format was written in; fails on a payload of another format. */
    public int versionOf(byte[] payload) {
        if (payload.length < 12 || ByteBuffer.wrap(payload).getInt(0) != MAGIC) {
            return 1;
        }
        int payloadTag = ByteBuffer.wrap(payload).getInt(4);
        if (payloadTag != tag) {
            throw new IllegalArgumentException("evidence payload of format " + payloadTag + " read as " + this);
        }
        int version = ByteBuffer.wrap(payload).getInt(8);
        if (version < 1 || version > current) {
            throw new IllegalArgumentException(this + " evidence of version " + version + "; this build reads up to "
                    + current + " (was the state written by a newer build?)");
        }
        return version;
    }
}
