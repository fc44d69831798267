package io.codeanatomy.source;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Checkpoint form of {@link SnapshotSplit}. */
public final class SnapshotSplitSerializer implements SimpleVersionedSerializer<SnapshotSplit> {
    public static final SnapshotSplitSerializer INSTANCE = new SnapshotSplitSerializer();

    @Override
    public int getVersion() {
        return 2;
    }

    @Override
    public byte[] serialize(SnapshotSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(split, out);
        }
        return bytes.toByteArray();
    }

    @Override
    public SnapshotSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != 2) {
            throw new IOException("unknown SnapshotSplit serializer version " + version);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return read(in);
        }
    }

    static void write(SnapshotSplit split, DataOutputStream out) throws IOException {
        out.writeUTF(split.repo());
        out.writeUTF(split.root());
        out.writeBoolean(split.commit() != null);
        if (split.commit() != null) {
            out.writeUTF(split.commit());
        }
        out.writeInt(split.priorPaths().size());
        for (String p : split.priorPaths()) {
            out.writeUTF(p);
        }
        out.writeInt(split.position());
        out.writeLong(split.headVersion());
    }

    static SnapshotSplit read(DataInputStream in) throws IOException {
        String repo = in.readUTF();
        String root = in.readUTF();
        String commit = in.readBoolean() ? in.readUTF() : null;
        int n = in.readInt();
        List<String> prior = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            prior.add(in.readUTF());
        }
        int position = in.readInt();
        return new SnapshotSplit(repo, root, commit, prior, position, in.readLong());
    }
}
