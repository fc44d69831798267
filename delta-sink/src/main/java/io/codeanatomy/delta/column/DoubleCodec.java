package io.codeanatomy.delta.column;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DoubleType;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.IOException;

/** {@link io.codeanatomy.delta.schema.ColumnType#DOUBLE} columns. */
final class DoubleCodec implements ColumnCodec {
    static final DoubleCodec INSTANCE = new DoubleCodec();

    private DoubleCodec() {
    }

    @Override
    public DataType deltaType() {
        return DoubleType.DOUBLE;
    }

    @Override
    public void write(Object value, DataOutputView out) throws IOException {
        out.writeDouble((Double) value);
    }

    @Override
    public Object read(DataInputView in) throws IOException {
        return in.readDouble();
    }

    @Override
    public FieldVector newVector(String name, BufferAllocator allocator) {
        return new Float8Vector(name, allocator);
    }

    @Override
    public void set(FieldVector vector, int index, Object value) {
        ((Float8Vector) vector).setSafe(index, (Double) value);
    }

    @Override
    public Object read(ColumnVector vector, int rowId) {
        return vector.getDouble(rowId);
    }

    @Override
    public PrimitiveType parquetType(String name, Type.Repetition repetition) {
        return Types.primitive(PrimitiveType.PrimitiveTypeName.DOUBLE, repetition).named(name);
    }

    @Override
    public Literal statistic(Statistics<?> statistics, boolean min) {
        return Literal.ofDouble(((Number) (min ? statistics.genericGetMin() : statistics.genericGetMax())).doubleValue());
    }
}
