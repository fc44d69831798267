package io.codeanatomy.delta.kernel.parquet;

import org.apache.arrow.memory.util.MemoryUtil;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The distinct byte strings of a column chunk, numbered in first-seen order (the order of Parquet's
 * dictionary page), looked up straight in an Arrow data buffer's memory, hashed and compared eight
 * bytes at a time; only a new value is copied out, as an array of its own (the buffer is refilled
 * after the batch).
 */
final class ByteStringDictionary implements ChunkDictionary {
    /** In the machine's order, as {@link MemoryUtil} reads the buffer's bytes. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private byte[][] values = new byte[64][];
    private int[] hashes = new int[64];
    private int size;
    /** What a dictionary page of every value holds in bytes, as Parquet counts it: a length and the bytes each. */
    private long byteSize;
    /** Open addressing: id + 1 per slot, 0 for empty; at most half full, grown fourfold (fewer rehashes). */
    private int[] slots = new int[128];

    /** The id of the {@code length} bytes at {@code address} (in an Arrow buffer), added if new. */
    int idOf(long address, int length) {
        int hash = hash(address, length);
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return add(hash, slot, address, length);
            }
            int id = entry - 1;
            if (hashes[id] == hash && equal(values[id], address, length)) {
                return id;
            }
        }
    }

    /** Whether {@code value} is the {@code length} bytes at {@code address}, compared eight bytes at a time. */
    private static boolean equal(byte[] value, long address, int length) {
        if (value.length != length) {
            return false;
        }
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if ((long) LONGS.get(value, i) != MemoryUtil.getLong(address + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (value[i] != MemoryUtil.getByte(address + i)) {
                return false;
            }
        }
        return true;
    }

    private int add(int hash, int slot, long address, int length) {
        int id = size++;
        if (id == values.length) {
            values = Arrays.copyOf(values, id * 2);
            hashes = Arrays.copyOf(hashes, id * 2);
        }
        byte[] value = new byte[length];
        MemoryUtil.copyFromMemory(address, value, 0, length);
        values[id] = value;
        hashes[id] = hash;
        slots[slot] = id + 1;
        byteSize += 4L + length;
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

    /** A hash of the bytes, eight at a time (as {@link MemoryUtil} reads them: the machine's order), mixed so that open addressing by the low bits spreads. */
    private static int hash(long address, int length) {
        long h = length;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            h = (h ^ MemoryUtil.getLong(address + i)) * 0x9E3779B97F4A7C15L;
        }
        for (; i < length; i++) {
            h = (h ^ MemoryUtil.getByte(address + i)) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 32;
        return (int) (h ^ (h >>> 16));
    }

    /** The bytes of value {@code id} (not to be changed). */
    byte[] value(int id) {
        return values[id];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long byteSize() {
        return byteSize;
    }
}
