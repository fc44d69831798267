package io.codeanatomy.source.listing;

import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;

import java.io.IOException;

/**
 * Reads a listed change into the {@link FileChange} every source emits. One rule for git objects and
 * files on disk alike: the content is read unless the file is over the size limit, in which case it
 * keeps its size and blob id and gets {@link #TOO_LARGE} (so it becomes an extract_errors row rather
 * than vanish).
 */
public final class ContentReader {
    public static final String TOO_LARGE = "too_large";
    /** The file may not be read (it became a link after it was listed); the message follows a colon. */
    public static final String REFUSED = "refused";
    /** The language of a deleted path no supported language claims. */
    public static final String UNKNOWN_LANGUAGE = "unknown";

    private final long maxFileBytes;

    public ContentReader(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }

    /** @param version orders the changes of one path (0 for a snapshot) */
    public FileChange read(ListedChange change, String repo, String commit, long version) throws IOException {
        String language = change.language() == null ? UNKNOWN_LANGUAGE : change.language().id();
        String bad = RepoPath.problem(change.path());
        if (bad == null && change.kind() == ChangeKind.RENAME && change.oldPath() != null) {
            bad = RepoPath.problem(change.oldPath()) == null ? null : "was renamed from a path that "
                    + RepoPath.problem(change.oldPath());
        }
        if (bad != null) {
            FileChange refused = change.kind() == ChangeKind.DELETE
                    ? FileChange.delete(repo, RepoPath.escape(change.path()), commit, language)
                    : FileChange.add(repo, RepoPath.escape(change.path()), commit, language, 0);
            if (change.kind() != ChangeKind.DELETE) {
                refused.skipReason = REFUSED + ": the path '" + change.path() + "' " + bad + "; not read";
            }
            refused.version = version;
            return refused;
        }
        FileChange c;
        if (change.kind() == ChangeKind.DELETE) {
            c = FileChange.delete(repo, change.path(), commit, language);
        } else {
            Blob blob = change.blob();
            long size;
            try {
                size = blob.size();
            } catch (RefusedFileException refused) {
                c = FileChange.add(repo, change.path(), commit, language, 0);
                c.kind = change.kind();
                c.skipReason = REFUSED + ": " + refused.getMessage();
                c.version = version;
                return c;
            }
            c = FileChange.add(repo, change.path(), commit, language, size);
            c.kind = change.kind();
            c.oldPath = change.kind() == ChangeKind.RENAME ? change.oldPath() : null;
            if (c.size > maxFileBytes) {
                c.skipReason = TOO_LARGE;
                c.blobId = blob.id();
            } else {
                try {
                    Blob.Content content = blob.read();
                    c.content = content.bytes();
                    c.size = content.bytes().length;
                    c.blobId = content.id();
                } catch (RefusedFileException refused) {
                    c.skipReason = REFUSED + ": " + refused.getMessage();
                }
            }
        }
        c.version = version;
        return c;
    }
}
