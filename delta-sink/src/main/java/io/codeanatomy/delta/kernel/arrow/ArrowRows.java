package io.codeanatomy.delta.kernel.arrow;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.schema.TableSpec;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.List;

/** One table's rows in Arrow vectors (off-heap, measured by the allocator), appended row by row. */
public final class ArrowRows implements AutoCloseable {
    private final TableCodecs codecs;
    private final BufferAllocator allocator;
    private final List<FieldVector> vectors = new ArrayList<>();
    /** Per column, what its codec's set returned for the last value (see ColumnCodec#set with previous). */
    private final Object[] previous;
    /**
     * Per column whose codec keeps repeated values (else null), per row: the first row holding the
     * row's value object, so that equal runs are known without comparing bytes ({@link ArrowBatch#run}).
     */
    private final int[][] runs;
    /** Per column, the first row of the current value object's run. */
    private final int[] runStart;
    /** Stands for this fill of the vectors: new at every {@link #clear()}, so run numbers of two fills never meet. */
    private Object fill = new Object();
    private int size;

    public ArrowRows(TableSpec spec, BufferAllocator parent) {
        this.codecs = TableCodecs.of(spec);
        this.allocator = parent.newChildAllocator(spec.name(), 0, Long.MAX_VALUE);
        for (int c = 0; c < codecs.width(); c++) {
            vectors.add(codecs.column(c).newVector(spec.columns().get(c).name(), allocator));
        }
        this.previous = new Object[codecs.width()];
        this.runs = new int[codecs.width()][];
        this.runStart = new int[codecs.width()];
        for (int c = 0; c < runs.length; c++) {
            runs[c] = codecs.column(c).keepsRepeatedValues() ? new int[64] : null;
        }
    }

    /** Appends a validated row; returns its index. */
    public int append(Object[] row) {
        int i = size++;
        for (int c = 0; c < row.length; c++) {
            FieldVector v = vectors.get(c);
            if (row[c] == null) {
                v.setNull(i);
            } else {
                Object kept = codecs.column(c).set(v, i, row[c], previous[c]);
                if (runs[c] != null) {
                    if (kept != previous[c] || kept == null) {
                        runStart[c] = i;
                    }
                    if (i >= runs[c].length) {
                        runs[c] = java.util.Arrays.copyOf(runs[c], Math.max(i + 1, runs[c].length * 2));
                    }
                    runs[c][i] = runStart[c];
                }
                previous[c] = kept;
            }
        }
        return i;
    }

    public int size() {
        return size;
    }

    public long allocatedBytes() {
        return allocator.getAllocatedMemory();
    }

    /** The rows at {@code order}, as a batch for the Parquet writer; valid until {@link #clear()}. */
    public ArrowBatch batch(int[] order) {
        for (FieldVector v : vectors) {
            v.setValueCount(size);
        }
        return new ArrowBatch(codecs, vectors, order, runs, fill);
    }

    /** Forgets every row and returns the memory. */
    public void clear() {
        for (FieldVector v : vectors) {
            v.clear();
        }
        java.util.Arrays.fill(previous, null);
        fill = new Object();
        size = 0;
    }

    @Override
    public void close() {
        for (FieldVector v : vectors) {
            v.close();
        }
        allocator.close();
    }
}
