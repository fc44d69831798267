package io.codeanatomy.delta.kernel.arrow;

import io.codeanatomy.delta.column.TableCodecs;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructType;

import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The sink's one Kernel columnar batch: Arrow vectors read through a row order, so buffered rows
 * go to the Parquet writer column by column, sorted, without being copied again. Rows held as
 * value arrays reach it through {@link ArrowRows} too
 * ({@link io.codeanatomy.delta.kernel.ParquetStager#stage(java.util.List)}).
 */
public final class ArrowBatch implements ColumnarBatch {
    /** What {@link #run} returns for a column that keeps no runs. */
    public static final int NO_RUN = -1;

    private final TableCodecs codecs;
    private final StructType schema;
    private final List<FieldVector> vectors;
    private final int[] order;
    private final int[][] runs;
    private final Object fill;

    ArrowBatch(TableCodecs codecs, List<FieldVector> vectors, int[] order, int[][] runs, Object fill) {
        this.codecs = codecs;
        this.schema = codecs.deltaSchema();
        this.vectors = vectors;
        this.order = order;
        this.runs = runs;
        this.fill = fill;
    }

    @Override
    public StructType getSchema() {
        return schema;
    }

    @Override
    public ColumnVector getColumnVector(int ordinal) {
        return new Column(codecs.column(ordinal).deltaType(), vectors.get(ordinal));
    }

    @Override
    public int getSize() {
        return order.length;
    }

    /**
     * Whether two rows hold the same string in a string column, compared as UTF-8 bytes without
     * making Strings (the writer asks this of every row when it cuts files by owner).
     */
    public boolean sameString(int ordinal, int rowA, int rowB) {
        VarCharVector v = (VarCharVector) vectors.get(ordinal);
        int a = order[rowA];
        int b = order[rowB];
        if (v.isNull(a) || v.isNull(b)) {
            return v.isNull(a) && v.isNull(b);
        }
        if (runs[ordinal] != null && runs[ordinal][a] == runs[ordinal][b]) {
            return true;
        }
        return ByteFunctionHelpers.equal(v.getDataBuffer(), v.getStartOffset(a), v.getEndOffset(a),
                v.getDataBuffer(), v.getStartOffset(b), v.getEndOffset(b)) == 1;
    }

    /**
     * The run of the value at the batch's row {@code rowId} (not null there): rows of one run hold the
     * same value, read from one value object when the rows were buffered. Rows of different runs may
     * still hold equal values; {@link #NO_RUN} where the column keeps no runs. Runs of two batches
     * compare only when {@link #sameFill} says the batches share their vectors' fill.
     */
    public int run(int ordinal, int rowId) {
        return runs[ordinal] == null ? NO_RUN : runs[ordinal][order[rowId]];
    }

    /** Whether this batch and {@code other} read the same fill of the same vectors (so their runs compare). */
    public boolean sameFill(ArrowBatch other) {
        return other != null && other.fill == fill;
    }

    /** The Arrow vector of a column, indexed by {@link #row}. */
    public FieldVector vector(int ordinal) {
        return vectors.get(ordinal);
    }

    /** The vector index of the batch's row {@code rowId}. */
    public int row(int rowId) {
        return order[rowId];
    }

    /** Rows {@code [from, to)} of this batch, over the same vectors (valid as long as this batch is). */
    public ArrowBatch slice(int from, int to) {
        return from == 0 && to == order.length ? this : new ArrowBatch(codecs, vectors, java.util.Arrays.copyOfRange(order, from, to), runs, fill);
    }

    private final class Column implements ColumnVector {
        private final DataType type;
        private final FieldVector vector;

        Column(DataType type, FieldVector vector) {
            this.type = type;
            this.vector = vector;
        }

        @Override
        public DataType getDataType() {
            return type;
        }

        @Override
        public int getSize() {
            return order.length;
        }

        @Override
        public void close() {
            // the vectors belong to the writer's buffer, which reuses them
        }

        @Override
        public boolean isNullAt(int rowId) {
            return vector.isNull(order[rowId]);
        }

        @Override
        public boolean getBoolean(int rowId) {
            return ((BitVector) vector).get(order[rowId]) != 0;
        }

        @Override
        public int getInt(int rowId) {
            return ((IntVector) vector).get(order[rowId]);
        }

        @Override
        public long getLong(int rowId) {
            return ((BigIntVector) vector).get(order[rowId]);
        }

        @Override
        public double getDouble(int rowId) {
            return ((Float8Vector) vector).get(order[rowId]);
        }

        @Override
        public String getString(int rowId) {
            return new String(((VarCharVector) vector).get(order[rowId]), StandardCharsets.UTF_8);
        }
    }
}
