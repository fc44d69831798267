package io.codeanatomy.source.split;

import org.apache.flink.api.connector.source.SourceSplit;

import java.util.List;

/**
 * One repository snapshot to index: a git commit, or a plain directory when {@code commit} is
 * null. {@code priorPaths} are the paths indexed before, so the reader can emit a DELETE for each
 * one the snapshot no longer has. {@code position} counts the changes already emitted. A git
 * snapshot ends with a commit marker recording {@code headVersion} (commits indexed so far, this one
 * included), so the warehouse records which commit it holds.
 */
public record SnapshotSplit(String repo, String root, String commit, List<String> priorPaths, int position,
                            long headVersion) implements SourceSplit, java.io.Serializable {
    /** The head version of a first snapshot. */
    public static final long FIRST_HEAD_VERSION = 1;

    public SnapshotSplit {
        priorPaths = List.copyOf(priorPaths);
    }

    public SnapshotSplit(String repo, String root, String commit, List<String> priorPaths, int position) {
        this(repo, root, commit, priorPaths, position, FIRST_HEAD_VERSION);
    }

    @Override
    public String splitId() {
        return repo;
    }

    public SnapshotSplit at(int newPosition) {
        return new SnapshotSplit(repo, root, commit, priorPaths, newPosition, headVersion);
    }

    @Override
    public String toString() {
        return "SnapshotSplit{" + repo + " " + (commit == null ? "directory " + root : commit) + " @" + position + "}";
    }
}
