package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The rows of one active data file as value arrays, in the file's order, pulled one Kernel batch at a
 * time: what a merge or a copy-on-write reads, so that it holds a batch of the file, never the file.
 */
final class FileRowReader implements Iterator<Object[]>, Closeable {
    private final FileBatches batches;
    private final TableSpec spec;
    private final TableCodecs codecs;
    private ColumnarBatch data;
    private Optional<ColumnVector> selection = Optional.empty();
    private int[] ordinals;
    private int next;
    private Object[] ahead;
    private int peakBatchRows;

    private FileRowReader(FileBatches batches, TableSpec spec) {
        this.batches = batches;
        this.spec = spec;
        this.codecs = TableCodecs.of(spec);
    }

    static FileRowReader open(Engine engine, Row scanState, Row scanFileRow, TableSpec spec) {
        return new FileRowReader(FileBatches.open(engine, scanState, scanFileRow), spec);
    }

    /** Rows of the batch this reader holds now (what it keeps in memory). */
    int batchRows() {
        return data == null ? 0 : data.getSize();
    }

    /** The most rows one batch of this reader held. */
    int peakBatchRows() {
        return peakBatchRows;
    }

    @Override
    public boolean hasNext() {
        while (ahead == null) {
            if (data != null && next < data.getSize()) {
                int r = next++;
                if (selection.isEmpty() || (!selection.get().isNullAt(r) && selection.get().getBoolean(r))) {
                    ahead = TableRows.row(data, ordinals, codecs, r);
                }
            } else if (batches.hasNext()) {
                FilteredColumnarBatch batch = batches.next();
                data = batch.getData();
                selection = batch.getSelectionVector();
                ordinals = TableRows.ordinals(data.getSchema(), spec);
                next = 0;
                peakBatchRows = Math.max(peakBatchRows, data.getSize());
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
        batches.close();
    }
}
