package io.codeanatomy.evidence;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes evidence compactly (nullable strings, typed props) for shipping and for keyed state. A
 * payload starts with {@link EvidenceFormat#MAGIC} and its format version, so that a later build can
 * still read what an earlier one checkpointed.
 */
public final class EvidenceEncoder {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    private final DataOutputStream out = new DataOutputStream(bytes);

    /** A payload of the current format of {@code format}. */
    public EvidenceEncoder(EvidenceFormat format) {
        writeInt(EvidenceFormat.MAGIC).writeInt(format.tag).writeInt(format.current);
    }

    /** Writes a stable code (never an ordinal: codes survive reordering an enum). */
    public EvidenceEncoder writeCode(StableCode value) {
        return writeInt(value.code());
    }

    public EvidenceEncoder writeInt(int v) {
        try {
            out.writeInt(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public EvidenceEncoder writeLong(long v) {
        try {
            out.writeLong(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
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
        try {
            out.write(v, 0, v.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
