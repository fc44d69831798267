package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The rows of several data files, each already in {@link RowOrder} (every file the sink writes is), as
 * one stream in that order: a k-way merge holding one batch per file, so compacting many small files
 * takes memory for the batches, not for the rows. A file found out of order is an
 * {@link OutOfOrderException} (the caller then sorts in memory).
 */
final class SortedFileMerge implements Iterator<Object[]>, Closeable {
    private record Head(Object[] row, int file) {
    }

    /** A data file whose rows are not in the table's order. */
    static final class OutOfOrderException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfOrderException(String message) {
            super(message);
        }
    }

    private final Comparator<Object[]> order;
    private final List<FileRowReader> readers;
    private final PriorityQueue<Head> heads;
    private final int[] batchRows;
    private long rowsHeld;
    private long peakRowsHeld;

    private SortedFileMerge(Comparator<Object[]> order, List<FileRowReader> readers) {
        this.order = order;
        this.readers = readers;
        this.heads = new PriorityQueue<>(Comparator.comparing(Head::row, order).thenComparingInt(Head::file));
        this.batchRows = new int[readers.size()];
        for (int i = 0; i < readers.size(); i++) {
            advance(i, null);
        }
    }

    static SortedFileMerge open(Engine engine, Row scanState, List<Row> scanFiles, TableSpec spec) throws IOException {
        List<FileRowReader> readers = new ArrayList<>();
        try {
            for (Row f : scanFiles) {
                readers.add(FileRowReader.open(engine, scanState, f, spec));
            }
        } catch (RuntimeException e) {
            for (FileRowReader r : readers) {
                r.close();
            }
            throw e;
        }
        return new SortedFileMerge(RowOrder.of(spec), readers);
    }

    /** The most rows the readers' batches held at once: bounded by files times the batch size. */
    long peakRowsHeld() {
        return peakRowsHeld;
    }

    private void advance(int file, Object[] previous) {
        FileRowReader reader = readers.get(file);
        if (reader.hasNext()) {
            Object[] row = reader.next();
            if (previous != null && order.compare(previous, row) > 0) {
                throw new OutOfOrderException("a data file's rows are not in the table's order");
            }
            heads.add(new Head(row, file));
        }
        int now = reader.batchRows();
        rowsHeld += now - batchRows[file];
        batchRows[file] = now;
        peakRowsHeld = Math.max(peakRowsHeld, rowsHeld);
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public Object[] next() {
        Head head = heads.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        advance(head.file(), head.row());
        return head.row();
    }

    @Override
    public void close() throws IOException {
        for (FileRowReader r : readers) {
            r.close();
        }
    }
}
