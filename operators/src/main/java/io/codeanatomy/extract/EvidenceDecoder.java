package io.codeanatomy.extract;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads what an {@link EvidenceEncoder} wrote, in the same order. */
public final class EvidenceDecoder {
    private final DataInputStream in;

    public EvidenceDecoder(byte[] payload) {
        this.in = new DataInputStream(new ByteArrayInputStream(payload));
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
            int tag = readInt();
            switch (tag) {
                case 0: into.accept(key, readString()); break;
                case 1: into.accept(key, readLong()); break;
                case 2: into.accept(key, readBoolean()); break;
                default: throw new IllegalStateException("unknown prop tag " + tag + " for " + key);
            }
        }
    }
}
