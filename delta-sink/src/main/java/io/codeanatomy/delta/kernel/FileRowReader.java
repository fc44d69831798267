package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.Scan;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.utils.CloseableIterator;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The rows of one active data file, pulled one Kernel batch at a time (deletion vectors honoured):
 * what a merge of many files reads, so that it holds a batch per file, never whole files.
 */
final class FileRowReader implements Iterator<Object[]>, Closeable {
    private final CloseableIterator<FileReadResult> physical;
    private final CloseableIterator<FilteredColumnarBatch> logical;
    private final TableSpec spec;
    private final TableCodecs codecs;
    private ColumnarBatch data;
    private Optional<ColumnVector> selection = Optional.empty();
    private int[] ordinals;
    private int next;
    private Object[] ahead;

    private FileRowReader(CloseableIterator<FileReadResult> physical, CloseableIterator<FilteredColumnarBatch> logical,
                          TableSpec spec) {
        this.physical = physical;
        this.logical = logical;
        this.spec = spec;
        this.codecs = TableCodecs.of(spec);
    }

    static FileRowReader open(Engine engine, Row scanState, Row scanFileRow, TableSpec spec) throws IOException {
        CloseableIterator<FileReadResult> physical = engine.getParquetHandler().readParquetFiles(
                CloseableIterators.of(List.of(KernelInternals.fileStatus(scanFileRow))),
                KernelInternals.physicalReadSchema(scanState), Optional.empty());
        return new FileRowReader(physical, Scan.transformPhysicalData(engine, scanState, scanFileRow,
                physical.map(FileReadResult::getData)), spec);
    }

    /** Rows of the batch this reader holds now (what it keeps in memory). */
    int batchRows() {
        return data == null ? 0 : data.getSize();
    }

    @Override
    public boolean hasNext() {
        while (ahead == null) {
            if (data != null && next < data.getSize()) {
                int r = next++;
                if (selection.isEmpty() || (!selection.get().isNullAt(r) && selection.get().getBoolean(r))) {
                    ahead = TableRows.row(data, ordinals, codecs, r);
                }
            } else if (logical.hasNext()) {
                FilteredColumnarBatch batch = logical.next();
                data = batch.getData();
                selection = batch.getSelectionVector();
                ordinals = TableRows.ordinals(data.getSchema(), spec);
                next = 0;
            } else {
                data = null;
                return false;
            }
        }
        return true;
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object[] row = ahead;
        ahead = null;
        return row;
    }

    @Override
    public void close() throws IOException {
        logical.close();
        physical.close();
    }
}
