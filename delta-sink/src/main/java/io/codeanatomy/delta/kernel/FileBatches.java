package io.codeanatomy.delta.kernel;

import io.delta.kernel.Scan;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The Kernel batches of one active data file, pulled one at a time, with the columns the scan state
 * reads and deletion vectors honoured (a batch's selection vector): the one way a data file is read,
 * whole rows ({@link FileRowReader}) or owner columns only ({@link TableOwners}). A missing or damaged
 * file is an {@link UnreadableTableException} naming it and its table (the directory it lies in).
 */
final class FileBatches implements CloseableIterator<FilteredColumnarBatch> {
    private final String file;
    private final CloseableIterator<FileReadResult> physical;
    private final CloseableIterator<FilteredColumnarBatch> logical;

    private FileBatches(String file, CloseableIterator<FileReadResult> physical,
                        CloseableIterator<FilteredColumnarBatch> logical) {
        this.file = file;
        this.physical = physical;
        this.logical = logical;
    }

    static FileBatches open(Engine engine, Row scanState, Row scanFileRow) {
        FileStatus status = KernelInternals.fileStatus(scanFileRow);
        CloseableIterator<FileReadResult> physical = null;
        try {
            physical = engine.getParquetHandler().readParquetFiles(CloseableIterators.of(List.of(status)),
                    KernelInternals.physicalReadSchema(scanState), Optional.empty());
            return new FileBatches(status.getPath(), physical, Scan.transformPhysicalData(engine, scanState,
                    scanFileRow, physical.map(FileReadResult::getData)));
        } catch (IOException | RuntimeException e) {
            if (physical != null) {
                try {
                    physical.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw named(status.getPath(), e);
        }
    }

    @Override
    public boolean hasNext() {
        try {
            return logical.hasNext();
        } catch (RuntimeException e) {
            throw named(file, e);
        }
    }

    @Override
    public FilteredColumnarBatch next() {
        try {
            return logical.next();
        } catch (RuntimeException e) {
            throw named(file, e);
        }
    }

    @Override
    public void close() throws IOException {
        try (physical) {
            logical.close();
        }
    }

    private static RuntimeException named(String file, Exception e) {
        if (!UnreadableTableException.isReadFailure(e)) {
            return e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
        return UnreadableTableException.of(file.substring(0, file.lastIndexOf('/') + 1), file, e);
    }
}
