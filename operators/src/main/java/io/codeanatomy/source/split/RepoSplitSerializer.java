package io.codeanatomy.source.split;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Checkpoint form of a {@link RepoSplit}. {@link #VERSION_1}: repo, root, branch?, indexed commit?,
 * target commit?, target detected at, position, version, prior paths ({@code ?}: a presence flag first).
 */
public final class RepoSplitSerializer extends VersionedSplitSerializer<RepoSplit> {
    public static final int VERSION_1 = 1;
    public static final int CURRENT_VERSION = VERSION_1;
    public static final RepoSplitSerializer INSTANCE = new RepoSplitSerializer();

    private RepoSplitSerializer() {
        super("RepoSplit", CURRENT_VERSION);
    }

    @Override
    public void write(RepoSplit s, DataOutputStream out) throws IOException {
        out.writeUTF(s.repo());
        out.writeUTF(s.root());
        writeNullable(s.branch(), out);
        writeNullable(s.indexedCommit(), out);
        writeNullable(s.targetCommit(), out);
        out.writeLong(s.targetDetectedAt());
        out.writeInt(s.position());
        out.writeLong(s.version());
        writePaths(s.priorPaths(), out);
    }

    @Override
    public RepoSplit read(int version, DataInputStream in) throws IOException {
        return switch (version) {
            case VERSION_1 -> new RepoSplit(in.readUTF(), in.readUTF(), readNullable(in), readNullable(in), readNullable(in),
                    in.readLong(), in.readInt(), in.readLong(), readPaths(in));
            default -> throw unknownVersion(version);
        };
    }
}
