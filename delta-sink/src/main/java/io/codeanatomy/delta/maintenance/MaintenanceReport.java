package io.codeanatomy.delta.maintenance;

/** What one maintenance task did to one table. */
public final class MaintenanceReport {
    public final String table;
    public final String task;
    public final int filesBefore;
    public final long bytesBefore;
    public final int filesAfter;
    public final long bytesAfter;
    /** The Delta version written, or -1 when nothing was committed. */
    public final long version;
    public final long millis;

    public MaintenanceReport(String table, String task, int filesBefore, long bytesBefore, int filesAfter, long bytesAfter,
                             long version, long millis) {
        this.table = table;
        this.task = task;
        this.filesBefore = filesBefore;
        this.bytesBefore = bytesBefore;
        this.filesAfter = filesAfter;
        this.bytesAfter = bytesAfter;
        this.version = version;
        this.millis = millis;
    }

    @Override
    public String toString() {
        if (task.equals("vacuum")) {
            return String.format("%s vacuum: deleted %d unreferenced files (%d bytes) in %d ms", table, filesBefore,
                    bytesBefore, millis);
        }
        return version < 0
                ? String.format("%s compact: nothing to do (%d small files)", table, filesBefore)
                : String.format("%s compact: %d files (%d bytes) -> %d files (%d bytes) at version %d in %d ms", table,
                filesBefore, bytesBefore, filesAfter, bytesAfter, version, millis);
    }
}
