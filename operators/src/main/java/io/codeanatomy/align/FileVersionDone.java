package io.codeanatomy.align;

/**
 * Said by the align operator once a file version's rows are out (emitted to the sink): the
 * repository's commit marker counts these before it moves {@code repo_heads}. A Flink POJO.
 */
public class FileVersionDone {
    public String repo;
    public long version;

    public FileVersionDone() {
    }

    public FileVersionDone(String repo, long version) {
        this.repo = repo;
        this.version = version;
    }
}
