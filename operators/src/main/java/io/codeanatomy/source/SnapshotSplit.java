package io.codeanatomy.source;

import org.apache.flink.api.connector.source.SourceSplit;

import java.util.List;

/**
 * One repository snapshot to index: a git commit, or a plain directory when {@code commit} is
 * null. {@code priorPaths} are the paths indexed before, so the reader can emit a DELETE for each
 * one the snapshot no longer has. {@code position} counts the changes already emitted. A git
 * snapshot ends with a HEAD marker, so the warehouse records which commit it holds.
 */
public final class SnapshotSplit implements SourceSplit, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String repo;
    private final String root;
    private final String commit;
    private final List<String> priorPaths;
    private final int position;
    private final long headVersion;

    public SnapshotSplit(String repo, String root, String commit, List<String> priorPaths, int position) {
        this(repo, root, commit, priorPaths, position, 1);
    }

    /** @param headVersion the version the snapshot's HEAD marker records (commits indexed so far, this one included) */
    public SnapshotSplit(String repo, String root, String commit, List<String> priorPaths, int position, long headVersion) {
        this.repo = repo;
        this.root = root;
        this.commit = commit;
        this.priorPaths = List.copyOf(priorPaths);
        this.position = position;
        this.headVersion = headVersion;
    }

    @Override
    public String splitId() {
        return repo;
    }

    public String repo() {
        return repo;
    }

    public String root() {
        return root;
    }

    public String commit() {
        return commit;
    }

    public List<String> priorPaths() {
        return priorPaths;
    }

    public int position() {
        return position;
    }

    public long headVersion() {
        return headVersion;
    }

    public SnapshotSplit at(int newPosition) {
        return new SnapshotSplit(repo, root, commit, priorPaths, newPosition, headVersion);
    }

    @Override
    public String toString() {
        return "SnapshotSplit{" + repo + " " + (commit == null ? "directory " + root : commit) + " @" + position + "}";
    }
}
