package io.codeanatomy.delta.kernel;

import io.delta.kernel.data.Row;

import java.util.Optional;

/**
 * A data file in the current snapshot of a table, with the owner range its statistics allow.
 * The range only prunes: which owners a file really holds is read from the file.
 */
final class ActiveFile {
    final Row scanFileRow;
    final String path;
    final long size;
    final Optional<OwnerRange> ownerRange;

    ActiveFile(Row scanFileRow, String path, long size, Optional<OwnerRange> ownerRange) {
        this.scanFileRow = scanFileRow;
        this.path = path;
        this.size = size;
        this.ownerRange = ownerRange;
    }
}
