package io.codeanatomy.cpg;

import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;

/** A Python file added in a commit, as the source emits it, for tests that build rows without a job. */
public final class PythonFileChanges {
    private PythonFileChanges() {
    }

    /** {@code content} null: a file too large to read (its size is then 1 MiB). */
    public static FileChange added(String path, byte[] content) {
        FileChange c = new FileChange();
        c.repo = "r";
        c.path = path;
        c.kind = ChangeKind.ADD;
        c.blobId = "0".repeat(40);
        c.commit = "c".repeat(40);
        c.language = "python";
        c.size = content == null ? 1 << 20 : content.length;
        c.content = content;
        return c;
    }
}
