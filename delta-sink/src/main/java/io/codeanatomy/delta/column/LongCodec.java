package io.codeanatomy.delta.column;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.LongType;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.IOException;

/** {@link io.codeanatomy.delta.schema.ColumnType#LONG} columns. */
final class LongCodec implements ColumnCodec {
    static final LongCodec INSTANCE = new LongCodec();

    private LongCodec() {
    }

    @Override
    public DataType deltaType() {
        return LongType.LONG;
    }

    @Override
    public void write(Object value, DataOutputView out) throws IOException {
        out.writeLong((Long) value);
    }

    @Override
    public Object read(DataInputView in) throws IOException {
        return in.readLong();
    }

    @Override
    public void copyRecordValue(DataInputView in, DataOutputView out) throws IOException {
        out.writeLong(in.readLong()); // unboxed
    }

    @Override
    public void setFromRecord(FieldVector vector, int index, DataInputView in, byte[] record) throws IOException {
        ((BigIntVector) vector).setSafe(index, in.readLong());
    }

    @Override
    public FieldVector newVector(String name, BufferAllocator allocator) {
        return new BigIntVector(name, allocator);
    }

    @Override
    public void set(FieldVector vector, int index, Object value) {
        ((BigIntVector) vector).setSafe(index, (Long) value);
    }

    @Override
    public Object read(ColumnVector vector, int rowId) {
        return vector.getLong(rowId);
    }

    @Override
    public PrimitiveType parquetType(String name, Type.Repetition repetition) {
        return Types.primitive(PrimitiveType.PrimitiveTypeName.INT64, repetition).named(name);
    }

    @Override
    public Literal statistic(Statistics<?> statistics, boolean min) {
        return Literal.ofLong(((Number) (min ? statistics.genericGetMin() : statistics.genericGetMax())).longValue());
    }
}
