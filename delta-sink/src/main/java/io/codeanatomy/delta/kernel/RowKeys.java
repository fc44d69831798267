package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.schema.TableSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The primary keys of a writer's buffered rows, by row index, as characters in a few large pages
 * that are kept from one roll of the buffer to the next.
 *
 * <p>Why not a String per row: a writer holds up to a roll's rows (200,000) for seconds before it
 * sorts and writes them, so their keys outlived several young collections each, and the collector
 * copied them (two objects a key) from survivor space to survivor space and into the old generation,
 * where they died and filled it up for full collections. Characters in long-lived pages are never
 * copied, and appending a key's parts here makes no String for a composite key at all.
 *
 * <p>A key is compared as {@link String#compareTo} compares it (UTF-16 units), so the order is
 * {@link RowOrder}'s key order; {@link #string} gives it back as the String {@link TableSpec#keyOf}
 * makes of the row.
 */
public final class RowKeys {
    /** Characters a page holds (a key longer than that gets a page of its own). */
    static final int PAGE = 1 << 16;

    private final List<char[]> pages = new ArrayList<>();
    /** Page of the key being filled in, and the first free character in it. */
    private int page = -1;
    private int free = PAGE;
    private int[] pageOf = new int[1024];
    private int[] startOf = new int[1024];
    private int[] lengthOf = new int[1024];
    private int size;

    /** Keys held: rows 0 to size - 1. */
    public int size() {
        return size;
    }

    /** Appends the key of {@code row} (its key columns per {@code spec}) as the next row's; returns its index. */
    public int append(TableSpec spec, Object[] row) {
        int parts = spec.keyParts();
        if (parts == 1) {
            return append(spec.keyPart(row, 0));
        }
        int length = parts - 1;
        for (int p = 0; p < parts; p++) {
            length += spec.keyPart(row, p).length();
        }
        int i = reserve(length);
        char[] chars = pages.get(pageOf[i]);
        int at = startOf[i];
        for (int p = 0; p < parts; p++) {
            if (p > 0) {
                chars[at++] = TableSpec.KEY_SEPARATOR;
            }
            String part = spec.keyPart(row, p);
            part.getChars(0, part.length(), chars, at);
            at += part.length();
        }
        return i;
    }

    /** Appends {@code key} as the next row's; returns its index. */
    public int append(String key) {
        int i = reserve(key.length());
        key.getChars(0, key.length(), pages.get(pageOf[i]), startOf[i]);
        return i;
    }

    private int reserve(int length) {
        if (size == pageOf.length) {
            int n = size * 2;
            pageOf = Arrays.copyOf(pageOf, n);
            startOf = Arrays.copyOf(startOf, n);
            lengthOf = Arrays.copyOf(lengthOf, n);
        }
        if (length > PAGE) {
            pages.add(new char[length]); // its own page, dropped again at clear()
            pageOf[size] = pages.size() - 1;
            startOf[size] = 0;
        } else {
            if (length > PAGE - free || page < 0) {
                page = nextPage();
                free = 0;
            }
            pageOf[size] = page;
            startOf[size] = free;
            free += length;
        }
        lengthOf[size] = length;
        return size++;
    }

    /** The first page after the current one that is a full page (kept from an earlier roll), or a new one. */
    private int nextPage() {
        for (int p = page + 1; p < pages.size(); p++) {
            if (pages.get(p).length == PAGE) {
                return p;
            }
        }
        pages.add(new char[PAGE]);
        return pages.size() - 1;
    }

    public int length(int row) {
        return lengthOf[row];
    }

    public char charAt(int row, int index) {
        return pages.get(pageOf[row])[startOf[row] + index];
    }

    /** How many leading characters the keys of rows {@code a} and {@code b} share, at most {@code max}. */
    public int sharedPrefix(int a, int b, int max) {
        int n = Math.min(max, Math.min(lengthOf[a], lengthOf[b]));
        int m = Arrays.mismatch(pages.get(pageOf[a]), startOf[a], startOf[a] + n, pages.get(pageOf[b]), startOf[b], startOf[b] + n);
        return m < 0 ? n : m;
    }

    /** The keys of rows {@code a} and {@code b} compared as {@link String#compareTo} compares them. */
    public int compare(int a, int b) {
        return Arrays.compare(pages.get(pageOf[a]), startOf[a], startOf[a] + lengthOf[a],
                pages.get(pageOf[b]), startOf[b], startOf[b] + lengthOf[b]);
    }

    public boolean equal(int a, int b) {
        return Arrays.equals(pages.get(pageOf[a]), startOf[a], startOf[a] + lengthOf[a],
                pages.get(pageOf[b]), startOf[b], startOf[b] + lengthOf[b]);
    }

    /** The key of a row as a String (for the few places that keep or look up a key by itself). */
    public String string(int row) {
        return new String(pages.get(pageOf[row]), startOf[row], lengthOf[row]);
    }

    /** Forgets every key; full pages stay for the next rows, a long key's own page goes. */
    public void clear() {
        pages.removeIf(p -> p.length != PAGE);
        size = 0;
        page = -1;
        free = PAGE;
    }

    /** Forgets every key and lets the pages go (between checkpoints: an idle watch holds none). */
    public void release() {
        clear();
        pages.clear();
    }
}
