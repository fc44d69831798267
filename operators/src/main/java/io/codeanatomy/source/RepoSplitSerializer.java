package io.codeanatomy.source;


import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The fields of a {@link RepoSplit} in its checkpoint form (format version 1). */
public final class RepoSplitSerializer {
    public static final SplitSerializer<RepoSplit> INSTANCE = new SplitSerializer<>("RepoSplit", 1,
            RepoSplitSerializer::write, RepoSplitSerializer::read);

    private RepoSplitSerializer() {
    }

    static void write(RepoSplit s, DataOutputStream out) throws IOException {
        out.writeUTF(s.repo());
        out.writeUTF(s.root());
        writeNullable(s.branch(), out);
        writeNullable(s.indexedCommit(), out);
        writeNullable(s.targetCommit(), out);
        out.writeLong(s.targetDetectedAt());
        out.writeInt(s.position());
        out.writeLong(s.version());
        out.writeInt(s.priorPaths().size());
        for (String p : s.priorPaths()) {
            out.writeUTF(p);
        }
    }

    static RepoSplit read(DataInputStream in) throws IOException {
        String repo = in.readUTF();
        String root = in.readUTF();
        String branch = readNullable(in);
        String indexed = readNullable(in);
        String target = readNullable(in);
        long detectedAt = in.readLong();
        int position = in.readInt();
        long version = in.readLong();
        int n = in.readInt();
        List<String> prior = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            prior.add(in.readUTF());
        }
        return new RepoSplit(repo, root, branch, indexed, target, detectedAt, position, version, prior);
    }

    private static void writeNullable(String v, DataOutputStream out) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeUTF(v);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
