package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.column.ColumnCodec;
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
    private final int[] columns;
    private final ColumnCodec[] codecs;
    private ColumnarBatch data;
    private Optional<ColumnVector> selection = Optional.empty();
    private int[] ordinals;
    private int next;
    private Object[] ahead;
    private int peakBatchRows;

    private FileRowReader(FileBatches batches, TableSpec spec, int[] columns) {
        this.batches = batches;
        this.spec = spec;
        this.columns = columns;
        TableCodecs all = TableCodecs.of(spec);
        this.codecs = new ColumnCodec[columns.length];
        for (int c = 0; c < columns.length; c++) {
            codecs[c] = all.column(columns[c]);
        }
    }

    static FileRowReader open(Engine engine, Row scanState, Row scanFileRow, TableSpec spec) {
        return open(engine, scanState, scanFileRow, spec, allColumns(spec));
    }

    /**
     * The rows of the file with the given columns of the spec (indexes), in that order; the scan
     * state must read at least those columns.
     */
    static FileRowReader open(Engine engine, Row scanState, Row scanFileRow, TableSpec spec, int[] columns) {
        return new FileRowReader(FileBatches.open(engine, scanState, scanFileRow), spec, columns);
    }

    static int[] allColumns(TableSpec spec) {
        int[] all = new int[spec.width()];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        return all;
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
                    ahead = row(r);
                }
            } else if (batches.hasNext()) {
                FilteredColumnarBatch batch = batches.next();
                data = batch.getData();
                selection = batch.getSelectionVector();
                ordinals = ordinals(data.getSchema());
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

    private Object[] row(int r) {
        Object[] row = new Object[columns.length];
        for (int c = 0; c < row.length; c++) {
            ColumnVector v = data.getColumnVector(ordinals[c]);
            if (!v.isNullAt(r)) {
                row[c] = codecs[c].read(v, r);
            }
        }
        return row;
    }

    private int[] ordinals(io.delta.kernel.types.StructType schema) {
        int[] out = new int[columns.length];
        for (int c = 0; c < columns.length; c++) {
            String name = spec.columns().get(columns[c]).name();
            out[c] = schema.indexOf(name);
            if (out[c] < 0) {
                throw new IllegalStateException("table " + spec.name() + ": data file lacks column " + name);
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        batches.close();
    }
}
