package io.codeanatomy.delta.kernel.parquet;

import io.codeanatomy.delta.kernel.arrow.ArrowBatch;

import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strings (Arrow {@link VarCharVector}s, UTF-8) as Parquet {@code BINARY} pages. Rows come sorted by
 * owner, so most short columns repeat a value row after row; the batch's runs tell a repeated value
 * without reading it, and a run costs one dictionary lookup, not one per row.
 */
final class BinaryPageValues extends DictionaryPageValues {
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final ByteStringDictionary dictionary;
    /** The batch of the last value, that value's run and id: a run goes on only within one fill of the vectors. */
    private ArrowBatch lastBatch;
    private int lastRun = ArrowBatch.NO_RUN;
    private int lastId;

    BinaryPageValues(PrimitiveType type, boolean dictionary) {
        this(type, dictionary ? new ByteStringDictionary() : null);
    }

    private BinaryPageValues(PrimitiveType type, ByteStringDictionary dictionary) {
        super(type, dictionary);
        this.dictionary = dictionary;
    }

    @Override
    public void add(ArrowBatch batch, int column, int from, int to) {
        VarCharVector vector = (VarCharVector) batch.vector(column);
        // Addresses, not ArrowBuf accessors: those check bounds and the reference count on every read,
        // and the batch's vectors stay allocated while it is written.
        long offsets = vector.getOffsetBuffer().memoryAddress();
        long data = vector.getDataBuffer().memoryAddress();
        if (batch != lastBatch) {
            if (!batch.sameFill(lastBatch)) {
                lastRun = ArrowBatch.NO_RUN;
            }
            lastBatch = batch;
        }
        for (int i = from; i < to; i++) {
            int row = batch.row(i);
            if (optional && vector.isNull(row)) {
                continue;
            }
            long offset = offsets + (long) row * VarCharVector.OFFSET_WIDTH;
            int start = MemoryUtil.getInt(offset);
            int length = MemoryUtil.getInt(offset + VarCharVector.OFFSET_WIDTH) - start;
            if (plain) {
                appendPlain(data + start, length);
                continue;
            }
            int run = batch.run(column, i);
            if (run == ArrowBatch.NO_RUN || run != lastRun) {
                int size = dictionary.size();
                lastId = dictionary.idOf(data + start, length);
                lastRun = run;
                if (dictionary.size() != size) {
                    addId(lastId, 4 + length);
                    checkDictionarySize();
                    continue;
                }
            }
            addId(lastId, 4 + length);
        }
    }

    private void appendPlain(long address, int length) {
        int at = reserve(length);
        MemoryUtil.copyFromMemory(address, plainValues, at, length);
        statistics.updateStats(Binary.fromReusedByteArray(plainValues, at, length)); // copied if kept as a bound
    }

    @Override
    void appendPlain(int id) {
        byte[] value = dictionary.value(id);
        int at = reserve(value.length); // before reading the field: reserve may grow the array
        System.arraycopy(value, 0, plainValues, at, value.length);
    }

    /** Writes a value's length (plain strings are a little-endian length and the bytes) and returns where its bytes go. */
    private int reserve(int length) {
        int at = reservePlain(4 + length);
        INTS.set(plainValues, at, length);
        return at + 4;
    }

    @Override
    void countInStatistics(int id) {
        statistics.updateStats(Binary.fromConstantByteArray(dictionary.value(id)));
    }

    @Override
    BytesInput dictionaryValues(int size) {
        int bytes = 0;
        for (int id = 0; id < size; id++) {
            bytes += 4 + dictionary.value(id).length;
        }
        byte[] page = new byte[bytes];
        int at = 0;
        for (int id = 0; id < size; id++) {
            byte[] value = dictionary.value(id);
            INTS.set(page, at, value.length);
            System.arraycopy(value, 0, page, at + 4, value.length);
            at += 4 + value.length;
        }
        return BytesInput.from(page);
    }
}
