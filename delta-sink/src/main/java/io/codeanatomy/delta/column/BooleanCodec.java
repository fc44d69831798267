package io.codeanatomy.delta.column;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.IOException;

/** {@link io.codeanatomy.delta.schema.ColumnType#BOOLEAN} columns. */
final class BooleanCodec implements ColumnCodec {
    static final BooleanCodec INSTANCE = new BooleanCodec();

    private BooleanCodec() {
    }

    @Override
    public DataType deltaType() {
        return BooleanType.BOOLEAN;
    }

    @Override
    public void write(Object value, DataOutputView out) throws IOException {
        out.writeBoolean((Boolean) value);
    }

    @Override
    public Object read(DataInputView in) throws IOException {
        return in.readBoolean();
    }

    @Override
    public FieldVector newVector(String name, BufferAllocator allocator) {
        return new BitVector(name, allocator);
    }

    @Override
    public void set(FieldVector vector, int index, Object value) {
        ((BitVector) vector).setSafe(index, (Boolean) value ? 1 : 0);
    }

    @Override
    public Object read(ColumnVector vector, int rowId) {
        return vector.getBoolean(rowId);
    }

    @Override
    public PrimitiveType parquetType(String name, Type.Repetition repetition) {
        return Types.primitive(PrimitiveType.PrimitiveTypeName.BOOLEAN, repetition).named(name);
    }

    @Override
    public Literal statistic(Statistics<?> statistics, boolean min) {
        return Literal.ofBoolean((Boolean) (min ? statistics.genericGetMin() : statistics.genericGetMax()));
    }
}
