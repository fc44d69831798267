package io.codeanatomy.align;

/**
 * Said by the align operator once a file version's rows are out (emitted to the sink): the
 * repository's commit marker counts these before it moves {@code repo_heads}, and the cross-file
 * linker takes the file's link summary from it ({@code files.link_summary}; null for a deleted file
 * or one without a summary). A Flink POJO.
 */
public class FileVersionDone {
    public String repo;
    public long version;
    public String path;
    public boolean deleted;
    public String linkSummary;
    /** The commit the file version comes from (null for a plain directory). */
    public String commit;

    public FileVersionDone() {
    }

    public FileVersionDone(String repo, long version) {
        this(repo, version, null, false, null, null);
    }

    public FileVersionDone(String repo, long version, String path, boolean deleted, String linkSummary, String commit) {
        this.repo = repo;
        this.version = version;
        this.path = path;
        this.deleted = deleted;
        this.linkSummary = linkSummary;
        this.commit = commit;
    }
}
