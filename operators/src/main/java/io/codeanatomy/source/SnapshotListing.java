package io.codeanatomy.source;

import java.io.IOException;
import java.util.List;

/** The selected files of one snapshot in path order, and a way to read each one. */
interface SnapshotListing extends AutoCloseable {

    List<SnapshotEntry> entries();

    /** Reads one entry into an ADD change (content omitted, with a reason, when over the size limit). */
    FileChange read(SnapshotEntry entry, String repo, String commit) throws IOException;

    /** The snapshot's commit time in epoch milliseconds (0 for a directory). */
    default long commitTime() throws IOException {
        return 0;
    }

    @Override
    void close();

    static SnapshotListing open(SnapshotSplit split, FileSelector selector) throws IOException {
        return split.commit() == null
                ? DirectorySnapshot.list(split.root(), selector)
                : GitSnapshot.list(split.root(), split.commit(), selector);
    }
}
