package io.codeanatomy.delta.column;

import io.codeanatomy.delta.schema.ColumnType;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.types.DataType;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.IOException;

/**
 * Everything the sink does with the values of one column type, in one place per type: a new
 * representation (say a Flink SQL type for the catalog) is one more method here, implemented once
 * per type, never another switch over {@link ColumnType}.
 *
 * <p>Values are never null here: callers write and read the null marker themselves.
 */
public sealed interface ColumnCodec permits StringCodec, LongCodec, IntCodec, BooleanCodec, DoubleCodec {

    /** The codec of a type; the only switch over {@link ColumnType}, checked exhaustive by the compiler. */
    static ColumnCodec of(ColumnType type) {
        return switch (type) {
            case STRING -> StringCodec.INSTANCE;
            case LONG -> LongCodec.INSTANCE;
            case INT -> IntCodec.INSTANCE;
            case BOOLEAN -> BooleanCodec.INSTANCE;
            case DOUBLE -> DoubleCodec.INSTANCE;
        };
    }

    /** The Delta (and Parquet) type of the column. */
    DataType deltaType();

    /** Writes a value in the record and checkpoint encoding; the format is fixed by existing checkpoints. */
    void write(Object value, DataOutputView out) throws IOException;

    Object read(DataInputView in) throws IOException;

    /** Copies one value in the record encoding from {@code in} to {@code out}, unchanged. */
    default void copyRecordValue(DataInputView in, DataOutputView out) throws IOException {
        write(read(in), out);
    }

    /**
     * {@link #read(DataInputView)} from an input that reads the array {@code record} (a Flink
     * {@code DataInputDeserializer}), which a codec may decode from directly. Typed as a view: the
     * codecs are loaded where Flink is not (Spark interop reads tables through them), and a
     * parameter of another Flink type would make the verifier load Flink's classes to compare them.
     */
    default Object readFromRecord(DataInputView in, byte[] record) throws IOException {
        return read(in);
    }

    /**
     * Sets row {@code index} of a vector made by {@link #newVector} to the value in the record encoding
     * at {@code in}'s position, reading it off; {@code record} is the array {@code in} reads, which a
     * codec may copy from directly (no Java object for the value).
     */
    default void setFromRecord(FieldVector vector, int index, DataInputView in, byte[] record) throws IOException {
        set(vector, index, read(in));
    }

    /** An empty Arrow vector for the column, in the writer's buffer. */
    FieldVector newVector(String name, BufferAllocator allocator);

    /** Sets row {@code index} of a vector made by {@link #newVector}, growing it as needed. */
    void set(FieldVector vector, int index, Object value);

    /**
     * As {@link #set(FieldVector, int, Object)}, given what this returned for the column's previous
     * value (null at first): a codec may keep the encoded form of a value and reuse it when the next
     * value is the very same object (rows decoded from one record share repeated values).
     */
    default Object set(FieldVector vector, int index, Object value, Object previous) {
        set(vector, index, value);
        return null;
    }

    /** The value at {@code rowId} of a Kernel vector that is not null there. */
    Object read(ColumnVector vector, int rowId);

    /** The column's Parquet type: what Kernel's reader and every Delta reader expect for the Delta type. */
    PrimitiveType parquetType(String name, Type.Repetition repetition);

    /**
     * Whether {@link #set(FieldVector, int, Object, Object)} returns the previous result again for the
     * very same value object, so that runs of one value can be told without comparing values.
     */
    default boolean keepsRepeatedValues() {
        return false;
    }

    /** A Parquet file's minimum or maximum of the column as a Delta statistics literal. */
    Literal statistic(Statistics<?> statistics, boolean min);
}
