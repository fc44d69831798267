package io.codeanatomy.source.split;

import org.apache.flink.api.connector.source.SourceSplit;

import java.util.List;

/**
 * One watched repository and its progress, checkpointed: the commit the tables hold
 * ({@code indexedCommit}, null for none), the commit being indexed ({@code targetCommit}, null when
 * idle) with the number of its changes already emitted, and how many commits have been indexed
 * ({@code version}, which orders the versions of every path). {@code priorPaths} are the paths the
 * tables held when there was no usable indexed commit; the first diff deletes those the head lacks.
 */
public record RepoSplit(String repo, String root, String branch, String indexedCommit, String targetCommit,
                        long targetDetectedAt, int position, long version, List<String> priorPaths)
        implements SourceSplit, java.io.Serializable {

    public RepoSplit {
        priorPaths = List.copyOf(priorPaths);
    }

    /** A repository to start watching from what the warehouse holds. */
    public static RepoSplit start(String repo, String root, String branch, String indexedCommit, long version,
                                  List<String> priorPaths) {
        return new RepoSplit(repo, root, branch, indexedCommit, null, 0, 0, version,
                indexedCommit == null ? priorPaths : List.of());
    }

    @Override
    public String splitId() {
        return repo;
    }

    public RepoSplit targeting(String commit, long detectedAt) {
        return new RepoSplit(repo, root, branch, indexedCommit, commit, detectedAt, 0, version, priorPaths);
    }

    public RepoSplit at(int newPosition) {
        return new RepoSplit(repo, root, branch, indexedCommit, targetCommit, targetDetectedAt, newPosition, version,
                priorPaths);
    }

    /** The target commit is fully emitted: it is now the indexed one. */
    public RepoSplit indexed() {
        return new RepoSplit(repo, root, branch, targetCommit, null, 0, 0, version + 1, List.of());
    }

    @Override
    public String toString() {
        return "RepoSplit{" + repo + " " + branch + " indexed=" + indexedCommit
                + (targetCommit == null ? "" : " target=" + targetCommit + " @" + position) + " v" + version + "}";
    }
}
