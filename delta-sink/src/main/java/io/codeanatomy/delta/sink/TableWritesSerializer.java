package io.codeanatomy.delta.sink;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Serializes a writer's result on its way to the commit aggregator. */
public final class TableWritesSerializer implements SimpleVersionedSerializer<TableWrites> {
    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(TableWrites writes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            TableWritesCodec.write(writes, out);
        }
        return bytes.toByteArray();
    }

    @Override
    public TableWrites deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("unknown TableWrites serializer version " + version);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return TableWritesCodec.read(in);
        }
    }
}
