package io.codeanatomy.bench;

/** One timed commit of the watch latency benchmark. All times are epoch milliseconds of this JVM's clock, as detected_at is. */
final class TimedChange {
    String path;
    byte[] content;
    String commit;
    long committedAt;
    long commitCallMs;
    long detectedAt;
    long visibleAt;
    int polls;
    /** When the first checkpoint commit after detection wrote its first table (files): the Delta commit begins. */
    long commitStartAt;
    /** Checkpoint commits between detection and visibility (2 when the file and the head marker were split). */
    int checkpoints;
    /** Data file bytes the checkpoint commit(s) added, and removed (rewritten or replaced), over all tables. */
    long bytesAdded;
    long bytesRemoved;
    /** Bytes of the added files holding only the changed file's rows (its new rows), in every table. */
    long bytesNewRows;
    /** Bytes of the other added files: the files rewritten (copy-on-write) around the change. */
    long bytesRewritten;
    /** Table commits between our commit and visibility that are not checkpoint commits: compaction. */
    int maintenanceCommits;

    /** Write amplification of the change: bytes rewritten around it per byte of its new rows. */
    double amplification() {
        return bytesNewRows == 0 ? Double.NaN : (double) bytesRewritten / bytesNewRows;
    }

    long latency() {
        return visibleAt - committedAt;
    }

    long detection() {
        return detectedAt - committedAt;
    }

    long pipeline() {
        return visibleAt - detectedAt;
    }

    long toCommit() {
        return commitStartAt - detectedAt;
    }

    long deltaCommit() {
        return visibleAt - commitStartAt;
    }
}
