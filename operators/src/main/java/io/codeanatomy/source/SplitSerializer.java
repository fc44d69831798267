package io.codeanatomy.source;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Checkpoint form of one split, given how to write and read its fields; one format version. */
final class SplitSerializer<S> implements SimpleVersionedSerializer<S> {
    private final String name;
    private final int version;
    private final SplitListSerializer.Writer<S> writer;
    private final SplitListSerializer.Reader<S> reader;

    SplitSerializer(String name, int version, SplitListSerializer.Writer<S> writer, SplitListSerializer.Reader<S> reader) {
        this.name = name;
        this.version = version;
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public int getVersion() {
        return version;
    }

    @Override
    public byte[] serialize(S split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(split, out);
        }
        return bytes.toByteArray();
    }

    @Override
    public S deserialize(int serializedVersion, byte[] serialized) throws IOException {
        if (serializedVersion != version) {
            throw new IOException("unknown " + name + " serializer version " + serializedVersion + " (this build reads "
                    + version + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return reader.read(in);
        }
    }
}
