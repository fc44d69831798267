package io.codeanatomy.source;

/**
 * One change of one path, with the new content. A Flink POJO (public fields, no-arg constructor)
 * so records are serialized without Kryo.
 */
public class FileChange {
    public String repo;
    public String path;
    /** For a RENAME, the path the file had before; otherwise null. */
    public String oldPath;
    public ChangeKind kind;
    /** Git blob id (SHA-1 hex) of the new content; null for a DELETE. */
    public String blobId;
    /** Commit being indexed; null for a plain directory. */
    public String commit;
    public String language;
    public long size;
    /** The content, or null for a DELETE or a file not read (see {@link #skipReason}). */
    public byte[] content;
    /**
     * Orders the changes of one path: a later change has a higher version. A snapshot is version 0;
     * the git change stream numbers the commits it indexes.
     */
    public long version;
    /** Why the content was not read (e.g. {@code too_large}); null when it was. */
    public String skipReason;

    public FileChange() {
    }

    /** An added file of a snapshot; content and blob id are filled in by whoever reads it. */
    public static FileChange add(String repo, String path, String commit, String language, long size) {
        FileChange c = new FileChange();
        c.repo = repo;
        c.path = path;
        c.kind = ChangeKind.ADD;
        c.commit = commit;
        c.language = language;
        c.size = size;
        return c;
    }

    public static FileChange delete(String repo, String path, String commit, String language) {
        FileChange c = new FileChange();
        c.repo = repo;
        c.path = path;
        c.kind = ChangeKind.DELETE;
        c.commit = commit;
        c.language = language;
        return c;
    }

    @Override
    public String toString() {
        return kind + " " + repo + ":" + path + (blobId == null ? "" : " @" + blobId);
    }
}
