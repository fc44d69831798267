package io.codeanatomy.delta.column;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.IntegerType;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.IOException;

/** {@link io.codeanatomy.delta.schema.ColumnType#INT} columns. */
final class IntCodec implements ColumnCodec {
    static final IntCodec INSTANCE = new IntCodec();

    private IntCodec() {
    }

    @Override
    public DataType deltaType() {
        return IntegerType.INTEGER;
    }

    @Override
    public void write(Object value, DataOutputView out) throws IOException {
        out.writeInt((Integer) value);
    }

    @Override
    public Object read(DataInputView in) throws IOException {
        return in.readInt();
    }

    @Override
    public void copyRecordValue(DataInputView in, DataOutputView out) throws IOException {
        out.writeInt(in.readInt()); // unboxed
    }

    @Override
    public void setFromRecord(FieldVector vector, int index, DataInputView in, byte[] record) throws IOException {
        ((IntVector) vector).setSafe(index, in.readInt());
    }

    @Override
    public FieldVector newVector(String name, BufferAllocator allocator) {
        return new IntVector(name, allocator);
    }

    @Override
    public void set(FieldVector vector, int index, Object value) {
        ((IntVector) vector).setSafe(index, (Integer) value);
    }

    @Override
    public Object read(ColumnVector vector, int rowId) {
        return vector.getInt(rowId);
    }

    @Override
    public PrimitiveType parquetType(String name, Type.Repetition repetition) {
        return Types.primitive(PrimitiveType.PrimitiveTypeName.INT32, repetition).named(name);
    }

    @Override
    public Literal statistic(Statistics<?> statistics, boolean min) {
        return Literal.ofInt(((Number) (min ? statistics.genericGetMin() : statistics.genericGetMax())).intValue());
    }
}
