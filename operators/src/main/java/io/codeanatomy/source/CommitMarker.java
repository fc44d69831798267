package io.codeanatomy.source;

/**
 * The end of one commit's changes of a repository: once its rows are committed, the tables hold that
 * commit ({@code repo_heads}). A control record of its own, never a file: it reaches no evidence layer.
 * A Flink POJO (public fields, no-arg constructor).
 */
public class CommitMarker {
    public String repo;
    /** The branch followed; null for a snapshot of a given revision. */
    public String branch;
    public String commit;
    /** How many commits of the repository the warehouse has indexed, this one included. */
    public long version;
    /** The commit's committer time (epoch ms). */
    public long commitTime;
    /** When the change source first saw the commit (epoch ms). */
    public long detectedAt;
    /** The version the commit's file changes carry (0 for a snapshot, the commit's number when following). */
    public long fileVersion;
    /** How many file changes of the commit precede the marker: its row waits until all of theirs are out. */
    public int files;

    public CommitMarker() {
    }

    /** A marker that waits for nothing (no file changes precede it). */
    public CommitMarker(String repo, String branch, String commit, long version, long commitTime, long detectedAt) {
        this(repo, branch, commit, version, commitTime, detectedAt, version, 0);
    }

    public CommitMarker(String repo, String branch, String commit, long version, long commitTime, long detectedAt,
                        long fileVersion, int files) {
        this.repo = repo;
        this.branch = branch;
        this.commit = commit;
        this.version = version;
        this.commitTime = commitTime;
        this.detectedAt = detectedAt;
        this.fileVersion = fileVersion;
        this.files = files;
    }

    @Override
    public String toString() {
        return "commit " + repo + "@" + commit + " v" + version;
    }
}
