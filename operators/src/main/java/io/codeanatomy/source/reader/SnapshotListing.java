package io.codeanatomy.source.reader;

import io.codeanatomy.source.FileChange;
import io.codeanatomy.source.FileSelector;
import io.codeanatomy.source.directory.DirectorySnapshot;
import io.codeanatomy.source.git.GitRepositories;
import io.codeanatomy.source.git.RepoDiff;
import io.codeanatomy.source.listing.ContentReader;
import io.codeanatomy.source.listing.ListedChange;
import io.codeanatomy.source.split.SnapshotSplit;

import org.eclipse.jgit.lib.Repository;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The changes of one snapshot split, in the order its position counts: every selected file (an ADD)
 * in path order, then a DELETE for each prior path the snapshot lacks, in path order. A git commit is
 * listed as the change stream lists it, a diff from nothing; a plain directory is walked.
 */
public final class SnapshotListing implements AutoCloseable {
    /** A snapshot is version 0 of every path it emits. */
    public static final long VERSION = 0;

    private final List<ListedChange> entries;
    private final long commitTime;
    private final ContentReader content;
    private final Repository repository;
    private final RepoDiff diff;

    private SnapshotListing(List<ListedChange> files, List<String> priorPaths, long commitTime, ContentReader content,
                            Repository repository, RepoDiff diff) {
        this.entries = new ArrayList<>(files);
        this.entries.addAll(ListedChange.deletesOfMissing(files, priorPaths));
        this.commitTime = commitTime;
        this.content = content;
        this.repository = repository;
        this.diff = diff;
    }

    public static SnapshotListing open(SnapshotSplit split, FileSelector selector) throws IOException {
        ContentReader content = new ContentReader(selector.maxFileBytes());
        if (split.commit() == null) {
            return new SnapshotListing(DirectorySnapshot.list(split.root(), selector), split.priorPaths(), 0, content,
                    null, null);
        }
        Repository repository = GitRepositories.open(new File(split.root()));
        RepoDiff diff = new RepoDiff(repository, selector);
        try {
            return new SnapshotListing(diff.between(null, split.commit(), List.of()), split.priorPaths(),
                    diff.commitTime(split.commit()), content, repository, diff);
        } catch (IOException | RuntimeException e) {
            diff.close();
            repository.close();
            throw e;
        }
    }

    public List<ListedChange> entries() {
        return entries;
    }

    public FileChange read(ListedChange entry, String repo, String commit) throws IOException {
        return content.read(entry, repo, commit, VERSION);
    }

    /** The snapshot's commit time in epoch milliseconds (0 for a directory). */
    public long commitTime() {
        return commitTime;
    }

    @Override
    public void close() {
        if (diff != null) {
            diff.close();
            repository.close();
        }
    }
}
