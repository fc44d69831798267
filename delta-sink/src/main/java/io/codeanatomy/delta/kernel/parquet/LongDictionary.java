package io.codeanatomy.delta.kernel.parquet;

import java.util.Arrays;

/**
 * The distinct values of a fixed-width column chunk as 64-bit patterns (an int widened, a long, a
 * double's raw bits: bit-exact, as the reader gets them back), numbered in first-seen order.
 */
final class LongDictionary implements ChunkDictionary {
    private final int width;
    private long[] values = new long[64];
    private int size;
    /** Open addressing: id + 1 per slot, 0 for empty; at most half full. */
    private int[] slots = new int[128];

    /** A dictionary of values {@code width} bytes wide in the file (4 or 8). */
    LongDictionary(int width) {
        this.width = width;
    }

    int idOf(long value) {
        int mask = slots.length - 1;
        for (int slot = hash(value) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return add(value, slot);
            }
            if (values[entry - 1] == value) {
                return entry - 1;
            }
        }
    }

    private int add(long value, int slot) {
        int id = size++;
        if (id == values.length) {
            values = Arrays.copyOf(values, id * 2);
        }
        values[id] = value;
        slots[slot] = id + 1;
        if (size * 2 > slots.length) {
            slots = new int[slots.length * 4];
            int mask = slots.length - 1;
            for (int i = 0; i < size; i++) {
                int s = hash(values[i]) & mask;
                while (slots[s] != 0) {
                    s = (s + 1) & mask;
                }
                slots[s] = i + 1;
            }
        }
        return id;
    }

    private static int hash(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    long value(int id) {
        return values[id];
    }

    @Override
    public int size() {
        return size;
    }

    /** What a dictionary page of every value holds in bytes. */
    @Override
    public long byteSize() {
        return (long) size * width;
    }
}
