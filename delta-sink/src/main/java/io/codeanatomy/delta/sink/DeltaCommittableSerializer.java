package io.codeanatomy.delta.sink;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Serializes committables into the committer's checkpointed state. */
public final class DeltaCommittableSerializer implements SimpleVersionedSerializer<DeltaCommittable> {
    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(DeltaCommittable committable) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(committable.applicationId());
            out.writeLong(committable.checkpointId());
            TableWritesCodec.write(committable.writes(), out);
        }
        return bytes.toByteArray();
    }

    @Override
    public DeltaCommittable deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("unknown DeltaCommittable serializer version " + version);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            String applicationId = in.readUTF();
            long checkpointId = in.readLong();
            return new DeltaCommittable(applicationId, checkpointId, TableWritesCodec.read(in));
        }
    }
}
