package io.codeanatomy.delta.column;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StringType;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
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
    public void writeParquet(FieldVector vector, int index, RecordConsumer out) {
        // One copy of the UTF-8 bytes, kept by the dictionary: the Arrow buffer is refilled after the batch.
        out.addBinary(Binary.fromConstantByteArray(((VarCharVector) vector).get(index)));
    }

    @Override
    public Object writeParquet(FieldVector vector, int index, RecordConsumer out, Object previous) {
        // Rows come sorted by owner: repo, path, commit and most short columns repeat row after row.
        // Equal bytes compared in Arrow's buffer hand Parquet the previous Binary again, with no copy,
        // and its dictionary (which kept that very object) matches it by identity.
        VarCharVector strings = (VarCharVector) vector;
        if (previous instanceof Binary last) {
            int start = strings.getStartOffset(index);
            int end = strings.getEndOffset(index);
            byte[] bytes = last.getBytesUnsafe();
            if (end - start == bytes.length
                    && ByteFunctionHelpers.compare(strings.getDataBuffer(), start, end, bytes, 0, bytes.length) == 0) {
                out.addBinary(last);
                return last;
            }
        }
        Binary value = Binary.fromConstantByteArray(strings.get(index));
        out.addBinary(value);
        return value;
    }

    @Override
    public Literal statistic(Statistics<?> statistics, boolean min) {
        return Literal.ofString(new String(min ? statistics.getMinBytes() : statistics.getMaxBytes(), StandardCharsets.UTF_8));
    }
}
