package io.codeanatomy.source.split;

import org.apache.flink.api.connector.source.SourceSplit;

import java.util.List;

/**
 * One watched repository and its progress, checkpointed: the commit the tables hold
 * ({@code indexedCommit}, null for none), the commit being indexed ({@code targetCommit}, null when
 * idle) with the number of its changes already emitted, and how many commits have been indexed
 * ({@code version}, which orders the versions of every path). {@code prior} are the paths the tables
 * held when the job started, with the commits their rows name: the first diff deletes those the head
 * lacks when there is no usable indexed commit, and otherwise re-reads those whose rows came from a
 * commit the warehouse never made visible (a run killed between two tables' commits, then a force
 * push). Only the first diff needs them; they are dropped once it is emitted.
 */
public record RepoSplit(String repo, String root, String branch, String indexedCommit, String targetCommit,
                        long targetDetectedAt, int position, long version, List<PriorPath> prior)
        implements SourceSplit, java.io.Serializable {

    public RepoSplit {
        prior = List.copyOf(prior);
    }

    /** A repository to start watching from what the warehouse holds. */
    public static RepoSplit start(String repo, String root, String branch, String indexedCommit, long version,
                                  List<PriorPath> prior) {
        return new RepoSplit(repo, root, branch, indexedCommit, null, 0, 0, version, prior);
    }

    /** The prior paths alone. */
    public List<String> priorPaths() {
        return prior.stream().map(PriorPath::path).toList();
    }

    @Override
    public String splitId() {
        return repo;
    }

    public RepoSplit targeting(String commit, long detectedAt) {
        return new RepoSplit(repo, root, branch, indexedCommit, commit, detectedAt, 0, version, prior);
    }

    public RepoSplit at(int newPosition) {
        return new RepoSplit(repo, root, branch, indexedCommit, targetCommit, targetDetectedAt, newPosition, version,
                prior);
    }

    /** Nothing of the prior paths needs putting right. */
    public RepoSplit settled() {
        return new RepoSplit(repo, root, branch, indexedCommit, targetCommit, targetDetectedAt, position, version, List.of());
    }

    /** The target commit is fully emitted: it is now the indexed one. */
    public RepoSplit indexed() {
        return new RepoSplit(repo, root, branch, targetCommit, null, 0, 0, version + 1, List.of());
    }

    @Override
    public String toString() {
        return "RepoSplit{" + repo + " " + branch + " indexed=" + indexedCommit
                + (targetCommit == null ? "" : " target=" + targetCommit + " @" + position) + " v" + version
                + (prior.isEmpty() ? "" : " prior=" + prior.size()) + "}";
    }
}
