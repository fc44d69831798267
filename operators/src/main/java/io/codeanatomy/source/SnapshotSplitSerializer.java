package io.codeanatomy.source;


import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The fields of a {@link SnapshotSplit} in its checkpoint form (format version 2). */
public final class SnapshotSplitSerializer {
    public static final SplitSerializer<SnapshotSplit> INSTANCE = new SplitSerializer<>("SnapshotSplit", 2,
            SnapshotSplitSerializer::write, SnapshotSplitSerializer::read);

    private SnapshotSplitSerializer() {
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
