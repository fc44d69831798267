package io.codeanatomy.extract;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes a layer's evidence compactly (nullable strings, typed props) for shipping and for state. */
public final class EvidenceEncoder {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    private final DataOutputStream out = new DataOutputStream(bytes);

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

    /** Props as (key, tag, value): tag 0 string, 1 long, 2 bool. */
    public EvidenceEncoder writeProps(Map<String, Object> props) {
        writeInt(props.size());
        for (Map.Entry<String, Object> p : props.entrySet()) {
            writeString(p.getKey());
            Object v = p.getValue();
            if (v instanceof Boolean) {
                writeInt(2).writeBoolean((Boolean) v);
            } else if (v instanceof Long || v instanceof Integer) {
                writeInt(1).writeLong(((Number) v).longValue());
            } else {
                writeInt(0).writeString(String.valueOf(v));
            }
        }
        return this;
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
