package io.codeanatomy.source;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Checkpoint form of the enumerator's unassigned splits. */
final class SnapshotEnumeratorStateSerializer implements SimpleVersionedSerializer<List<SnapshotSplit>> {
    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(List<SnapshotSplit> splits) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(splits.size());
            for (SnapshotSplit s : splits) {
                SnapshotSplitSerializer.write(s, out);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public List<SnapshotSplit> deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("unknown enumerator state version " + version);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int n = in.readInt();
            List<SnapshotSplit> splits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                splits.add(SnapshotSplitSerializer.read(in));
            }
            return splits;
        }
    }
}
