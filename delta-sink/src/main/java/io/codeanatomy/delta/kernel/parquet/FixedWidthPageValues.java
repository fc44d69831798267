package io.codeanatomy.delta.kernel.parquet;

import io.codeanatomy.delta.kernel.arrow.ArrowBatch;

import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.statistics.DoubleStatistics;
import org.apache.parquet.column.statistics.IntStatistics;
import org.apache.parquet.column.statistics.LongStatistics;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Ints, longs and doubles (Arrow's fixed-width vectors, little-endian as Parquet's plain encoding)
 * as Parquet {@code INT32}, {@code INT64} and {@code DOUBLE} pages. Values are read from the
 * vector's data buffer as 32- or 64-bit patterns and kept so (a double's raw bits): the dictionary
 * and plain pages hold them bit for bit.
 */
final class FixedWidthPageValues extends DictionaryPageValues {
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final PrimitiveTypeName typeName;
    private final int width;
    private final LongDictionary dictionary;

    FixedWidthPageValues(PrimitiveType type, boolean dictionary, int width) {
        this(type, dictionary ? new LongDictionary(width) : null, width);
    }

    private FixedWidthPageValues(PrimitiveType type, LongDictionary dictionary, int width) {
        super(type, dictionary);
        this.typeName = type.getPrimitiveTypeName();
        this.width = width;
        this.dictionary = dictionary;
    }

    @Override
    public void add(ArrowBatch batch, int column, int from, int to) {
        FieldVector vector = batch.vector(column);
        long data = vector.getDataBuffer().memoryAddress(); // as BinaryPageValues reads: no check per value
        for (int i = from; i < to; i++) {
            int row = batch.row(i);
            if (optional && vector.isNull(row)) {
                continue;
            }
            long value = width == 4 ? MemoryUtil.getInt(data + (long) row * 4) : MemoryUtil.getLong(data + (long) row * 8);
            if (plain) {
                appendPlain(value);
                count(value);
                continue;
            }
            int size = dictionary.size();
            int id = dictionary.idOf(value);
            addId(id, width);
            if (dictionary.size() != size) {
                checkDictionarySize();
            }
        }
    }

    private void appendPlain(long value) {
        int at = reservePlain(width);
        if (width == 4) {
            INTS.set(plainValues, at, (int) value);
        } else {
            LONGS.set(plainValues, at, value);
        }
    }

    private void count(long value) {
        switch (typeName) {
            case INT32 -> ((IntStatistics) statistics).updateStats((int) value);
            case INT64 -> ((LongStatistics) statistics).updateStats(value);
            case DOUBLE -> ((DoubleStatistics) statistics).updateStats(Double.longBitsToDouble(value));
            default -> throw new IllegalStateException("not a fixed-width type: " + typeName);
        }
    }

    @Override
    void appendPlain(int id) {
        appendPlain(dictionary.value(id));
    }

    @Override
    void countInStatistics(int id) {
        count(dictionary.value(id));
    }

    @Override
    BytesInput dictionaryValues(int size) {
        byte[] page = new byte[size * width];
        for (int id = 0; id < size; id++) {
            if (width == 4) {
                INTS.set(page, id * 4, (int) dictionary.value(id));
            } else {
                LONGS.set(page, id * 8, dictionary.value(id));
            }
        }
        return BytesInput.from(page);
    }
}
