package io.codeanatomy.delta.kernel.parquet;

import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.dictionary.IntList;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The string dictionary of a column chunk: the encoding, ids and pages of Parquet's own
 * ({@code PlainBinaryDictionaryValuesWriter}: ids in first-seen order, the dictionary page the
 * values in that order), with a lookup that costs less per value. Parquet's hashes every value
 * byte by byte (its {@link Binary} caches no hash) and compares a hit byte by byte; here the hash
 * reads eight bytes at a time and a hit is compared with {@link Arrays#equals(byte[], byte[])}
 * (vectorized by the JIT), and the object written last is known: the sink hands a value repeated
 * row after row over as that same object, so a run costs one lookup, not one per row.
 */
final class StringDictionaryWriter extends DictionaryValuesWriter {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Per id: the value as written, its bytes and its hash. */
    private Binary[] values = new Binary[64];
    private byte[][] bytes = new byte[64][];
    private int[] hashes = new int[64];
    private int size;
    /** Open addressing: id + 1 per slot, 0 for empty; at most half full, grown fourfold (fewer rehashes). */
    private int[] slots = new int[128];
    private Binary last;
    private int lastId;

    StringDictionaryWriter(int maxDictionaryByteSize, Encoding encoding, ByteBufferAllocator allocator) {
        super(maxDictionaryByteSize, encoding, encoding, allocator);
    }

    @Override
    public void writeBytes(Binary v) {
        if (v != last) {
            lastId = idOf(v);
            last = v;
        }
        encodedValues.add(lastId);
    }

    private int idOf(Binary v) {
        byte[] b = v.getBytesUnsafe();
        int hash = hash(b);
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return add(v, hash, slot);
            }
            int id = entry - 1;
            if (hashes[id] == hash && Arrays.equals(bytes[id], b)) {
                return id;
            }
        }
    }

    private int add(Binary v, int hash, int slot) {
        int id = size++;
        if (id == values.length) {
            values = Arrays.copyOf(values, id * 2);
            bytes = Arrays.copyOf(bytes, id * 2);
            hashes = Arrays.copyOf(hashes, id * 2);
        }
        Binary kept = v.copy(); // the value itself unless its bytes are a reused buffer
        values[id] = kept;
        bytes[id] = kept.getBytesUnsafe();
        hashes[id] = hash;
        slots[slot] = id + 1;
        dictionaryByteSize += 4L + v.length(); // as Parquet counts it: a length and the bytes
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        slots = new int[slots.length * 4];
        int mask = slots.length - 1;
        for (int id = 0; id < size; id++) {
            int slot = hashes[id] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1;
        }
    }

    /** A hash of the bytes, eight at a time, mixed so that open addressing by the low bits spreads. */
    private static int hash(byte[] b) {
        long h = b.length;
        int i = 0;
        for (; i + 8 <= b.length; i += 8) {
            h = (h ^ (long) LONGS.get(b, i)) * 0x9E3779B97F4A7C15L;
        }
        for (; i < b.length; i++) {
            h = (h ^ b[i]) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 32;
        return (int) (h ^ (h >>> 16));
    }

    @Override
    public DictionaryPage toDictPageAndClose() {
        if (lastUsedDictionarySize == 0) {
            return null; // a dictionary only if a page used it
        }
        PlainValuesWriter page = new PlainValuesWriter(lastUsedDictionaryByteSize, maxDictionaryByteSize, allocator);
        for (int id = 0; id < lastUsedDictionarySize; id++) {
            page.writeBytes(values[id]);
        }
        return dictPage(page);
    }

    @Override
    public int getDictionarySize() {
        return size;
    }

    @Override
    protected void clearDictionaryContent() {
        Arrays.fill(values, 0, size, null);
        Arrays.fill(bytes, 0, size, null);
        Arrays.fill(slots, 0);
        size = 0;
        last = null;
    }

    @Override
    public void fallBackDictionaryEncodedData(ValuesWriter writer) {
        IntList.IntIterator ids = encodedValues.iterator();
        while (ids.hasNext()) {
            writer.writeBytes(values[ids.next()]);
        }
    }
}
