package io.codeanatomy.delta.kernel.arrow;

import io.codeanatomy.delta.column.ColumnCodec;
import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.record.EncodedRows;
import io.codeanatomy.delta.schema.TableSpec;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** One table's rows in Arrow vectors (off-heap, measured by the allocator), appended row by row. */
public final class ArrowRows implements AutoCloseable {
    private final TableSpec spec;
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
        this.spec = spec;
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
                markRun(c, i, kept != previous[c] || kept == null);
                previous[c] = kept;
            }
        }
        return i;
    }

    /**
     * Appends the next row of {@code row} (a record's rows as received), checking its nulls. The
     * columns marked in {@code asObject} are decoded, and their values left in {@code objects} (which
     * must hold the previous row's of the same record, or nulls at its first row); the other values
     * go from the record's bytes into the vectors without a Java object. Returns the row's index.
     */
    public int append(EncodedRows.Cursor row, Object[] objects, boolean[] asObject) throws IOException {
        int i = size++;
        for (int c = 0; c < objects.length; c++) {
            FieldVector v = vectors.get(c);
            ColumnCodec codec = codecs.column(c);
            byte flag = row.flag();
            if (flag == EncodedRows.ABSENT) {
                spec.checkNullable(c);
                v.setNull(i);
                objects[c] = null;
                continue;
            }
            boolean newValue = flag == EncodedRows.PRESENT;
            if (newValue) {
                if (asObject[c]) {
                    int at = row.position();
                    objects[c] = codec.readFromRecord(row.in(), row.bytes());
                    row.rewind(at); // and again, into the vector
                }
                codec.setFromRecord(v, i, row.in(), row.bytes());
            } else { // the row above is the record's previous row, appended last; objects[c] is still its value
                v.copyFromSafe(i - 1, i, v);
            }
            previous[c] = null;
            markRun(c, i, newValue); // as for value arrays: a value repeated from the row above, not an equal one
        }
        return i;
    }

    /** Records row {@code i}'s run in a column that keeps runs: a new one if its value is a new object. */
    private void markRun(int c, int i, boolean newValue) {
        if (runs[c] == null) {
            return;
        }
        if (newValue) {
            runStart[c] = i;
        }
        if (i >= runs[c].length) {
            runs[c] = java.util.Arrays.copyOf(runs[c], Math.max(i + 1, runs[c].length * 2));
        }
        runs[c][i] = runStart[c];
    }

    public int size() {
        return size;
    }

    public long allocatedBytes() {
        return allocator.getAllocatedMemory();
    }

    /**
     * Bytes the rows take in the vectors, as each vector's {@code getBufferSize()} counts them once
     * {@link #batch} has set the value counts; not the capacity, which {@link #clear()} keeps.
     */
    public long usedBytes() {
        if (size == 0) {
            return 0;
        }
        long validity = BitVectorHelper.getValidityBufferSizeFromCount(size);
        long bytes = 0;
        for (FieldVector v : vectors) {
            bytes += validity;
            if (v instanceof BaseVariableWidthVector variable) {
                int last = variable.getLastSet();
                bytes += (long) (size + 1) * BaseVariableWidthVector.OFFSET_WIDTH
                        + (last < 0 ? 0 : variable.getOffsetBuffer().getInt((long) (last + 1) * BaseVariableWidthVector.OFFSET_WIDTH));
            } else if (v instanceof BitVector) {
                bytes += validity;
            } else {
                bytes += (long) ((BaseFixedWidthVector) v).getTypeWidth() * size;
            }
        }
        return bytes;
    }

    /** The rows at {@code order}, as a batch for the Parquet writer; valid until {@link #clear()}. */
    public ArrowBatch batch(int[] order) {
        for (FieldVector v : vectors) {
            v.setValueCount(size);
        }
        return new ArrowBatch(codecs, vectors, order, runs, fill);
    }

    /**
     * Forgets every row and keeps the vectors' memory for the next rows. Filled again from empty, the
     * vectors would grow by doubling into memory fresh from the OS, each new buffer zeroed and the old
     * one copied: on corpus M that zeroing was a quarter of the run's page faults (docs/speed.md,
     * session 21). {@link #release()} returns the memory.
     */
    public void clear() {
        for (FieldVector v : vectors) {
            v.reset();
        }
        forgetRows();
    }

    /** Forgets every row and returns the vectors' memory. */
    public void release() {
        for (FieldVector v : vectors) {
            v.clear();
        }
        forgetRows();
    }

    private void forgetRows() {
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
