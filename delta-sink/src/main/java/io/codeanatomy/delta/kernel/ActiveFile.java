package io.codeanatomy.delta.kernel;

import io.delta.kernel.data.Row;

import java.util.Optional;

/** A data file in the current snapshot of a table, with the statistics that prune it. */
final class ActiveFile {
    final Row scanFileRow;
    final long size;
    final Optional<FileStats> stats;

    ActiveFile(Row scanFileRow, long size, Optional<FileStats> stats) {
        this.scanFileRow = scanFileRow;
        this.size = size;
        this.stats = stats;
    }
}
