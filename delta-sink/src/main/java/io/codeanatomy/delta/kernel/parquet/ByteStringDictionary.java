package io.codeanatomy.delta.kernel.parquet;

import org.apache.arrow.memory.util.MemoryUtil;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The distinct byte strings of a column chunk, numbered in first-seen order (the order of Parquet's
 * dictionary page), looked up straight from an Arrow data buffer's memory: a value is copied out of the
 * buffer into a scratch array to be hashed eight bytes at a time and compared with
 * {@link Arrays#equals(byte[], int, int, byte[], int, int)} (vectorized by the JIT); only a new
 * value is kept, as an array of its own (the buffer is refilled after the batch).
 */
final class ByteStringDictionary {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[][] values = new byte[64][];
    private int[] hashes = new int[64];
    private int size;
    /** What a dictionary page of every value holds in bytes, as Parquet counts it: a length and the bytes each. */
    private long byteSize;
    /** Open addressing: id + 1 per slot, 0 for empty; at most half full, grown fourfold (fewer rehashes). */
    private int[] slots = new int[128];
    private byte[] scratch = new byte[256];

    /** The id of the {@code length} bytes at {@code address} (in an Arrow buffer), added if new. */
    int idOf(long address, int length) {
        if (length > scratch.length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        MemoryUtil.copyFromMemory(address, scratch, 0, length);
        int hash = hash(scratch, length);
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return add(hash, slot, length);
            }
            int id = entry - 1;
            if (hashes[id] == hash && Arrays.equals(values[id], 0, values[id].length, scratch, 0, length)) {
                return id;
            }
        }
    }

    private int add(int hash, int slot, int length) {
        int id = size++;
        if (id == values.length) {
            values = Arrays.copyOf(values, id * 2);
            hashes = Arrays.copyOf(hashes, id * 2);
        }
        values[id] = Arrays.copyOf(scratch, length);
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

    /** A hash of the bytes, eight at a time, mixed so that open addressing by the low bits spreads. */
    private static int hash(byte[] b, int length) {
        long h = length;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            h = (h ^ (long) LONGS.get(b, i)) * 0x9E3779B97F4A7C15L;
        }
        for (; i < length; i++) {
            h = (h ^ b[i]) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 32;
        return (int) (h ^ (h >>> 16));
    }

    /** The bytes of value {@code id} (not to be changed). */
    byte[] value(int id) {
        return values[id];
    }

    int size() {
        return size;
    }

    long byteSize() {
        return byteSize;
    }
}
