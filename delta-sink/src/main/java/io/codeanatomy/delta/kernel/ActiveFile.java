package io.codeanatomy.delta.kernel;

import io.delta.kernel.data.Row;

import java.util.Optional;

/** A data file in the current snapshot of a table, with the statistics that prune it. */
final class ActiveFile {
    final Row scanFileRow;
    final long size;
    final Optional<FileStats> stats;
    /** When the file was written (its add action's modification time), epoch milliseconds. */
    final long modificationTime;

    ActiveFile(Row scanFileRow, long size, Optional<FileStats> stats, long modificationTime) {
        this.scanFileRow = scanFileRow;
        this.size = size;
        this.stats = stats;
        this.modificationTime = modificationTime;
    }

    String path() {
        return KernelInternals.fileStatus(scanFileRow).getPath();
    }
}
