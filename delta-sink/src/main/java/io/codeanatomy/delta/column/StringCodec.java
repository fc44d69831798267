package io.codeanatomy.delta.column;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StringType;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@link io.codeanatomy.delta.schema.ColumnType#STRING} columns. */
final class StringCodec implements ColumnCodec {
    static final StringCodec INSTANCE = new StringCodec();

    private StringCodec() {
    }

    @Override
    public DataType deltaType() {
        return StringType.STRING;
    }

    @Override
    public void write(Object value, DataOutputView out) throws IOException {
        LengthPrefixedUtf8.write(out, (String) value);
    }

    @Override
    public Object read(DataInputView in) throws IOException {
        return LengthPrefixedUtf8.read(in);
    }

    @Override
    public void copyRecordValue(DataInputView in, DataOutputView out) throws IOException {
        int length = in.readInt();
        out.writeInt(length);
        out.write(in, length);
    }

    @Override
    public Object readFromRecord(DataInputView view, byte[] record) throws IOException {
        DataInputDeserializer in = (DataInputDeserializer) view;
        int length = in.readInt();
        String value = new String(record, in.getPosition(), length, StandardCharsets.UTF_8);
        in.skipBytesToRead(length);
        return value;
    }

    @Override
    public void setFromRecord(FieldVector vector, int index, DataInputView view, byte[] record) throws IOException {
        DataInputDeserializer in = (DataInputDeserializer) view;
        int length = in.readInt(); // LengthPrefixedUtf8: the bytes are the UTF-8 that set would encode
        ((VarCharVector) vector).setSafe(index, record, in.getPosition(), length);
        in.skipBytesToRead(length);
    }

    @Override
    public FieldVector newVector(String name, BufferAllocator allocator) {
        return new VarCharVector(name, allocator);
    }

    @Override
    public void set(FieldVector vector, int index, Object value) {
        ((VarCharVector) vector).setSafe(index, ((String) value).getBytes(StandardCharsets.UTF_8));
    }

    /** A string and its UTF-8 bytes, kept between rows by {@link #set(FieldVector, int, Object, Object)}. */
    private record Encoded(String value, byte[] utf8) {
    }

    @Override
    public Object set(FieldVector vector, int index, Object value, Object previous) {
        // The rows serializer decodes a value repeated row after row to one String: encode it once.
        Encoded encoded = previous instanceof Encoded e && e.value == value
                ? e : new Encoded((String) value, ((String) value).getBytes(StandardCharsets.UTF_8));
        ((VarCharVector) vector).setSafe(index, encoded.utf8);
        return encoded;
    }

    @Override
    public Object read(ColumnVector vector, int rowId) {
        return vector.getString(rowId);
    }

    @Override
    public PrimitiveType parquetType(String name, Type.Repetition repetition) {
        return Types.primitive(PrimitiveType.PrimitiveTypeName.BINARY, repetition)
                .as(LogicalTypeAnnotation.stringType()).named(name);
    }

    @Override
    public boolean keepsRepeatedValues() {
        return true;
    }

    @Override
    public Literal statistic(Statistics<?> statistics, boolean min) {
        return Literal.ofString(new String(min ? statistics.getMinBytes() : statistics.getMaxBytes(), StandardCharsets.UTF_8));
    }
}
