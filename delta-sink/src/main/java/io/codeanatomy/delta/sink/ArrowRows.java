package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.ArrowBatch;
import io.codeanatomy.delta.schema.ColumnSpec;
import io.codeanatomy.delta.schema.TableSpec;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One table's buffered rows in Arrow vectors (off-heap, measured by the allocator), appended row by row. */
final class ArrowRows implements AutoCloseable {
    private final TableSpec spec;
    private final BufferAllocator allocator;
    private final List<FieldVector> vectors = new ArrayList<>();
    private int size;

    ArrowRows(TableSpec spec, BufferAllocator parent) {
        this.spec = spec;
        this.allocator = parent.newChildAllocator(spec.name(), 0, Long.MAX_VALUE);
        for (ColumnSpec c : spec.columns()) {
            switch (c.type()) {
                case STRING: vectors.add(new VarCharVector(c.name(), allocator)); break;
                case LONG: vectors.add(new BigIntVector(c.name(), allocator)); break;
                case INT: vectors.add(new IntVector(c.name(), allocator)); break;
                case BOOLEAN: vectors.add(new BitVector(c.name(), allocator)); break;
                case DOUBLE: vectors.add(new Float8Vector(c.name(), allocator)); break;
                default: throw new IllegalStateException("unhandled type " + c.type());
            }
        }
    }

    /** Appends a validated row; returns its index. */
    int append(Object[] row) {
        int i = size++;
        for (int c = 0; c < row.length; c++) {
            FieldVector v = vectors.get(c);
            Object value = row[c];
            if (value == null) {
                v.setNull(i);
                continue;
            }
            switch (spec.columns().get(c).type()) {
                case STRING: ((VarCharVector) v).setSafe(i, ((String) value).getBytes(StandardCharsets.UTF_8)); break;
                case LONG: ((BigIntVector) v).setSafe(i, (Long) value); break;
                case INT: ((IntVector) v).setSafe(i, (Integer) value); break;
                case BOOLEAN: ((BitVector) v).setSafe(i, (Boolean) value ? 1 : 0); break;
                case DOUBLE: ((Float8Vector) v).setSafe(i, (Double) value); break;
                default: throw new IllegalStateException("unhandled type");
            }
        }
        return i;
    }

    int size() {
        return size;
    }

    long allocatedBytes() {
        return allocator.getAllocatedMemory();
    }

    /** The rows at {@code order}, as a batch for the Parquet writer; valid until {@link #clear()}. */
    ArrowBatch batch(int[] order) {
        for (FieldVector v : vectors) {
            v.setValueCount(size);
        }
        return new ArrowBatch(spec, vectors, order);
    }

    /** Forgets every row and returns the memory. */
    void clear() {
        for (FieldVector v : vectors) {
            v.clear();
        }
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
