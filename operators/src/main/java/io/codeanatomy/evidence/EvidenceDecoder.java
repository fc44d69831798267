package io.codeanatomy.evidence;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads what an {@link EvidenceEncoder} wrote, in the same order. It knows the payload's format
 * version: a payload without {@link EvidenceFormat#MAGIC} was written before evidence had versions
 * (format 1), and readers decode it by the rules of then.
 */
public final class EvidenceDecoder {
    private final DataInputStream in;
    private final int version;

    public EvidenceDecoder(byte[] payload, EvidenceFormat format) {
        this.in = new DataInputStream(new ByteArrayInputStream(payload));
        this.version = format.versionOf(payload);
        if (version > 1) {
            readInt(); // magic
            readInt(); // format tag
            readInt(); // version
        }
    }

    /** The format version the payload was written in. */
    public int version() {
        return version;
    }

    /** Reads a stable code of {@code type}. */
    public <E extends Enum<E> & StableCode> E readCode(Class<E> type) {
        return StableCode.byCode(type, readInt());
    }

    public int readInt() {
        try {
            return in.readInt();
        } catch (IOException e) {
            throw new UncheckedIOException("truncated evidence", e);
        }
    }

    public long readLong() {
        try {
            return in.readLong();
        } catch (IOException e) {
            throw new UncheckedIOException("truncated evidence", e);
        }
    }

    public boolean readBoolean() {
        return readInt() != 0;
    }

    public byte[] readBytes() {
        int n = readInt();
        if (n < 0) {
            return null;
        }
        byte[] v = new byte[n];
        try {
            in.readFully(v);
        } catch (IOException e) {
            throw new UncheckedIOException("truncated evidence", e);
        }
        return v;
    }

    public String readString() {
        byte[] v = readBytes();
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    public void readProps(java.util.function.BiConsumer<String, Object> into) {
        int n = readInt();
        for (int i = 0; i < n; i++) {
            String key = readString();
            into.accept(key, switch (readCode(PropType.class)) {
                case STRING -> readString();
                case LONG -> readLong();
                case BOOL -> readBoolean();
            });
        }
    }
}
