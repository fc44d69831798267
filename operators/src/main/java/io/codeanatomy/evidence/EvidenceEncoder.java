package io.codeanatomy.evidence;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes evidence compactly (nullable strings, typed props) for shipping and for keyed state. A
 * payload starts with {@link EvidenceFormat#MAGIC} and its format version, so that a later build can
 * still read what an earlier one checkpointed.
 */
public final class EvidenceEncoder {
    // A growing array: DataOutputStream over ByteArrayOutputStream took a lock per write. Same
    // big-endian format as before (EvidenceDecoder reads payloads of every version).
    private byte[] bytes = new byte[4096];
    private int size;

    /** A payload of the current format of {@code format}. */
    public EvidenceEncoder(EvidenceFormat format) {
        writeInt(EvidenceFormat.MAGIC).writeInt(format.tag).writeInt(format.current);
    }

    /** Writes a stable code (never an ordinal: codes survive reordering an enum). */
    public EvidenceEncoder writeCode(StableCode value) {
        return writeInt(value.code());
    }

    public EvidenceEncoder writeInt(int v) {
        reserve(4);
        byte[] b = bytes;
        int p = size;
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
        size = p + 4;
        return this;
    }

    public EvidenceEncoder writeLong(long v) {
        return writeInt((int) (v >>> 32)).writeInt((int) v);
    }

    public EvidenceEncoder writeBoolean(boolean v) {
        return writeInt(v ? 1 : 0);
    }

    /** Length-prefixed bytes; -1 for null. */
    public EvidenceEncoder writeBytes(byte[] v) {
        if (v == null) {
            return writeInt(-1);
        }
        writeInt(v.length);
        reserve(v.length);
        System.arraycopy(v, 0, bytes, size, v.length);
        size += v.length;
        return this;
    }

    public EvidenceEncoder writeString(String v) {
        return writeBytes(v == null ? null : v.getBytes(StandardCharsets.UTF_8));
    }

    /** Props as (key, {@link PropType} code, value). */
    public EvidenceEncoder writeProps(Map<String, Object> props) {
        writeInt(props.size());
        for (Map.Entry<String, Object> p : props.entrySet()) {
            writeString(p.getKey());
            PropType type = PropType.of(p.getValue());
            writeCode(type);
            Object v = type.normalize(p.getValue());
            switch (type) {
                case BOOL -> writeBoolean((Boolean) v);
                case LONG -> writeLong((Long) v);
                case STRING -> writeString((String) v);
            }
        }
        return this;
    }

    private void reserve(int n) {
        if (bytes.length - size < n) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
        }
    }

    public byte[] toByteArray() {
        return java.util.Arrays.copyOf(bytes, size);
    }
}
