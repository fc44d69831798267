package io.codeanatomy.delta.kernel;

import java.util.Arrays;

/**
 * Sorts row indexes by their keys in {@link RowOrder}'s key order ({@link String#compareTo}), ties
 * by index: the order of one owner's rows in a data file.
 *
 * <p>Why not a comparator: the writer sorts every row it writes, millions a run, and a comparator
 * sort over boxed indexes spent most of its time chasing pointers. Here each key is read twice: once
 * for the prefix all the keys share (a file's ids share their first half), once to pack the next
 * five characters after it into a long with the row's place; a primitive sort orders the longs, and
 * only rows whose five characters tie are compared as strings. The packing is weakly monotone (a
 * character past the key's end counts as 0; one of 255 or more as 255, and the rest of the five as
 * 0), so the long order never contradicts the string order, only ties, which strings then resolve.
 */
public final class KeySort {
    private static final int PLACE_BITS = 24;
    private static final long PLACE_MASK = (1L << PLACE_BITS) - 1;
    private static final int PREFIX_CHARS = 5;
    /** Below this many rows an insertion sort on the strings is cheaper than packing. */
    private static final int SMALL = 16;

    private long[] packed = new long[64];

    /**
     * Sorts {@code rows[0, count)} in place by their keys, equal keys by row. {@code rows} must come in
     * increasing order (ties then keep it).
     */
    public void sort(int[] rows, int count, RowKeys keys) {
        if (count < SMALL || count > PLACE_MASK) {
            insertionOrBoxedSort(rows, 0, count, keys);
            return;
        }
        int shared = sharedPrefix(rows, count, keys);
        if (packed.length < count) {
            packed = new long[Math.max(count, packed.length * 2)];
        }
        for (int j = 0; j < count; j++) {
            // The sign bit flipped: Arrays.sort orders signed longs, the prefix is unsigned.
            packed[j] = ((prefix(keys, rows[j], shared) << PLACE_BITS) | j) ^ Long.MIN_VALUE;
        }
        Arrays.sort(packed, 0, count);
        int[] sorted = new int[count];
        for (int j = 0; j < count; j++) {
            sorted[j] = rows[(int) ((packed[j] ^ Long.MIN_VALUE) & PLACE_MASK)];
        }
        // Rows of equal prefix sit together, in increasing place; order each such run by the strings.
        int start = 0;
        for (int j = 1; j <= count; j++) {
            if (j == count || (packed[j] >>> PLACE_BITS) != (packed[start] >>> PLACE_BITS)) {
                if (j - start > 1) {
                    insertionOrBoxedSort(sorted, start, j, keys);
                }
                start = j;
            }
        }
        System.arraycopy(sorted, 0, rows, 0, count);
    }

    /** The length of the prefix every key of the rows shares. */
    private static int sharedPrefix(int[] rows, int count, RowKeys keys) {
        int first = rows[0];
        int shared = keys.length(first);
        for (int j = 1; j < count && shared > 0; j++) {
            shared = keys.sharedPrefix(first, rows[j], shared);
        }
        return shared;
    }

    /**
     * Five characters of the row's key from {@code from}, a byte each (40 bits). A character of 255 or
     * more ends the encoding (the rest count as 0): its successors would otherwise be compared after a
     * character whose true value was lost.
     */
    private static long prefix(RowKeys keys, int row, int from) {
        long p = 0;
        boolean ended = false;
        int length = keys.length(row);
        for (int i = from; i < from + PREFIX_CHARS; i++) {
            int c = 0;
            if (!ended && i < length) {
                c = Math.min(keys.charAt(row, i), 255);
                ended = c == 255;
            }
            p = (p << 8) | c;
        }
        return p;
    }

    private static void insertionOrBoxedSort(int[] rows, int from, int to, RowKeys keys) {
        if (to - from > 64) {
            Integer[] boxed = new Integer[to - from];
            for (int j = from; j < to; j++) {
                boxed[j - from] = rows[j];
            }
            Arrays.sort(boxed, (a, b) -> compare(a, b, keys));
            for (int j = from; j < to; j++) {
                rows[j] = boxed[j - from];
            }
            return;
        }
        for (int j = from + 1; j < to; j++) {
            int row = rows[j];
            int i = j - 1;
            while (i >= from && compare(rows[i], row, keys) > 0) {
                rows[i + 1] = rows[i];
                i--;
            }
            rows[i + 1] = row;
        }
    }

    private static int compare(int a, int b, RowKeys keys) {
        int c = keys.compare(a, b);
        return c != 0 ? c : Integer.compare(a, b);
    }
}
