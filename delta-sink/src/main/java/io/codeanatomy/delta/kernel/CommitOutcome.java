package io.codeanatomy.delta.kernel;

/** What one table commit did, for logs, metrics and the write-amplification benchmark. */
public final class CommitOutcome {
    public final String table;
    /** The Delta version written, or -1 when this transaction id was already committed. */
    public final long version;
    public final int addedFiles;
    public final int removedFiles;
    public final int rewrittenFiles;
    public final long addedBytes;
    public final long rewrittenBytes;
    /** Attempts that conflicted with a concurrent commit and were re-planned. */
    public final int retries;
    /** Post-commit hooks (Delta checkpoint, log cleanup) that failed after the commit. */
    public final int hookFailures;
    public final long millis;
    /** The most rows a copy-on-write held in memory at once while rewriting one file. */
    public final long peakRowsHeld;

    CommitOutcome(String table, long version, int addedFiles, int removedFiles, int rewrittenFiles,
                  long addedBytes, long rewrittenBytes, int retries, int hookFailures, long millis, long peakRowsHeld) {
        this.table = table;
        this.version = version;
        this.addedFiles = addedFiles;
        this.removedFiles = removedFiles;
        this.rewrittenFiles = rewrittenFiles;
        this.addedBytes = addedBytes;
        this.rewrittenBytes = rewrittenBytes;
        this.retries = retries;
        this.hookFailures = hookFailures;
        this.millis = millis;
        this.peakRowsHeld = peakRowsHeld;
    }

    static CommitOutcome alreadyCommitted(String table, int retries, long millis) {
        return new CommitOutcome(table, -1, 0, 0, 0, 0, 0, retries, 0, millis, 0);
    }

    public boolean alreadyCommitted() {
        return version < 0;
    }

    @Override
    public String toString() {
        return alreadyCommitted() ? table + ": already committed"
                : table + " v" + version + ": +" + addedFiles + " files (" + addedBytes + " B), -" + removedFiles
                + " files, " + rewrittenFiles + " rewritten (" + rewrittenBytes + " B), " + millis + " ms";
    }
}
