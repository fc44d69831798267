package io.codeanatomy.source;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Checkpoint form of an enumerator's unassigned splits: a count, then each split by its own codec. */
final class SplitListSerializer<S> implements SimpleVersionedSerializer<List<S>> {
    interface Writer<S> {
        void write(S split, DataOutputStream out) throws IOException;
    }

    interface Reader<S> {
        S read(DataInputStream in) throws IOException;
    }

    private final Writer<S> writer;
    private final Reader<S> reader;

    SplitListSerializer(Writer<S> writer, Reader<S> reader) {
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(List<S> splits) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(splits.size());
            for (S s : splits) {
                writer.write(s, out);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public List<S> deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("unknown enumerator state version " + version);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int n = in.readInt();
            List<S> splits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                splits.add(reader.read(in));
            }
            return splits;
        }
    }
}
