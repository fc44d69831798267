package io.codeanatomy.source.split;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * How every source state is framed in a checkpoint: written to a byte array, and read back in full.
 * Bytes left over mean the reader and the writer disagree on the format, so reading fails rather than
 * restore a state that merely looks right.
 */
public final class CheckpointBytes {
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private CheckpointBytes() {
    }

    public static byte[] write(Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        }
        return bytes.toByteArray();
    }

    /** @param what the state and version read, for the error message */
    public static <T> T readFully(byte[] serialized, String what, Reader<T> reader) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            T value = reader.read(in);
            int left = in.available();
            if (left > 0) {
                throw new IOException(what + ": " + left + " trailing bytes after the state");
            }
            return value;
        }
    }
}
