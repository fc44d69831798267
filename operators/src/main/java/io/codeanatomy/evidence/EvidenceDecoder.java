package io.codeanatomy.evidence;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads what an {@link EvidenceEncoder} wrote, in the same order. It knows the payload's format
 * version: a payload without {@link EvidenceFormat#MAGIC} was written before evidence had versions
 * (format 1), and readers decode it by the rules of then.
 */
public final class EvidenceDecoder {
    // A plain array and a position: DataInputStream over ByteArrayInputStream took a lock per read, and
    // decoding evidence was the align operator's largest cost (bench/index-speed.sh). Same big-endian format.
    private final byte[] payload;
    private int position;
    private final int version;

    public EvidenceDecoder(byte[] payload, EvidenceFormat format) {
        this.payload = payload;
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
        require(4);
        byte[] b = payload;
        int p = position;
        position = p + 4;
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }

    public long readLong() {
        long high = readInt();
        return high << 32 | (readInt() & 0xffffffffL);
    }

    public boolean readBoolean() {
        return readInt() != 0;
    }

    public byte[] readBytes() {
        int at = next();
        return at < 0 ? null : java.util.Arrays.copyOfRange(payload, at, position);
    }

    public String readString() {
        int at = next();
        return at < 0 ? null : new String(payload, at, position - at, StandardCharsets.UTF_8);
    }

    /** Steps over the next length-prefixed value; returns where it starts, -1 for null. */
    private int next() {
        int n = readInt();
        if (n < 0) {
            return -1;
        }
        require(n);
        int at = position;
        position += n;
        return at;
    }

    private void require(int n) {
        if (n > payload.length - position) {
            throw new UncheckedIOException("truncated evidence",
                    new java.io.EOFException(n + " bytes wanted at " + position + " of " + payload.length));
        }
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
