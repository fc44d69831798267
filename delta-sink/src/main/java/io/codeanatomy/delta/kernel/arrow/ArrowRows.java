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
    private int size;

    public ArrowRows(TableSpec spec, BufferAllocator parent) {
        this.codecs = TableCodecs.of(spec);
        this.allocator = parent.newChildAllocator(spec.name(), 0, Long.MAX_VALUE);
        for (int c = 0; c < codecs.width(); c++) {
            vectors.add(codecs.column(c).newVector(spec.columns().get(c).name(), allocator));
        }
        this.previous = new Object[codecs.width()];
    }

    /** Appends a validated row; returns its index. */
    public int append(Object[] row) {
        int i = size++;
        for (int c = 0; c < row.length; c++) {
            FieldVector v = vectors.get(c);
            if (row[c] == null) {
                v.setNull(i);
            } else {
                previous[c] = codecs.column(c).set(v, i, row[c], previous[c]);
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
        return new ArrowBatch(codecs, vectors, order);
    }

    /** Forgets every row and returns the memory. */
    public void clear() {
        for (FieldVector v : vectors) {
            v.clear();
        }
        java.util.Arrays.fill(previous, null);
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
