package io.codeanatomy.source.split;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkpoint form of a {@link RepoSplit} ({@code ?}: a presence flag first).
 * <ul>
 *   <li>{@link #VERSION_1}: repo, root, branch?, indexed commit?, target commit?, target detected at,
 *   position, version, prior paths (a count, then each path).</li>
 *   <li>{@link #VERSION_2}: as 1, each prior path followed by its commit?.</li>
 * </ul>
 */
public final class RepoSplitSerializer extends VersionedSplitSerializer<RepoSplit> {
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int CURRENT_VERSION = VERSION_2;
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
        out.writeInt(s.prior().size());
        for (PriorPath p : s.prior()) {
            out.writeUTF(p.path());
            writeNullable(p.commit(), out);
        }
    }

    @Override
    public RepoSplit read(int version, DataInputStream in) throws IOException {
        if (version != VERSION_1 && version != VERSION_2) {
            throw unknownVersion(version);
        }
        return new RepoSplit(in.readUTF(), in.readUTF(), readNullable(in), readNullable(in), readNullable(in),
                in.readLong(), in.readInt(), in.readLong(), version == VERSION_1 ? unsettled(readPaths(in)) : readPrior(in));
    }

    private static List<PriorPath> unsettled(List<String> paths) {
        return paths.stream().map(PriorPath::unsettled).toList();
    }

    private static List<PriorPath> readPrior(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<PriorPath> prior = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            prior.add(new PriorPath(in.readUTF(), readNullable(in)));
        }
        return prior;
    }
}
