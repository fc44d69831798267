package io.codeanatomy.source.split;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Checkpoint form of a {@link SnapshotSplit}. {@link #VERSION_1}: repo, root, commit? (a presence flag
 * first), prior paths, position. {@link #VERSION_2} adds the head version; a version-1 split gets
 * {@link SnapshotSplit#FIRST_HEAD_VERSION}, what its build recorded.
 */
public final class SnapshotSplitSerializer extends VersionedSplitSerializer<SnapshotSplit> {
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int CURRENT_VERSION = VERSION_2;
    public static final SnapshotSplitSerializer INSTANCE = new SnapshotSplitSerializer();

    private SnapshotSplitSerializer() {
        super("SnapshotSplit", CURRENT_VERSION);
    }

    @Override
    public void write(SnapshotSplit split, DataOutputStream out) throws IOException {
        out.writeUTF(split.repo());
        out.writeUTF(split.root());
        writeNullable(split.commit(), out);
        writePaths(split.priorPaths(), out);
        out.writeInt(split.position());
        out.writeLong(split.headVersion());
    }

    @Override
    public SnapshotSplit read(int version, DataInputStream in) throws IOException {
        if (version != VERSION_1 && version != VERSION_2) {
            throw unknownVersion(version);
        }
        String repo = in.readUTF();
        String root = in.readUTF();
        String commit = readNullable(in);
        List<String> prior = readPaths(in);
        int position = in.readInt();
        long headVersion = switch (version) {
            case VERSION_1 -> SnapshotSplit.FIRST_HEAD_VERSION;
            default -> in.readLong();
        };
        return new SnapshotSplit(repo, root, commit, prior, position, headVersion);
    }
}
