package io.codeanatomy.span;

import java.util.Arrays;

/**
 * Line starts of a file, computed from its raw bytes: the one place that maps byte offsets to
 * lines. LF, CRLF and a lone CR each end a line; a UTF-8 BOM is part of line 1.
 */
public final class LineIndex {
    private final int[] lineStarts;
    private final int length;

    private LineIndex(int[] lineStarts, int length) {
        this.lineStarts = lineStarts;
        this.length = length;
    }

    public static LineIndex of(byte[] bytes) {
        int[] starts = new int[64];
        int count = 1; // line 1 starts at 0
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            boolean lineEnd = b == '\n' || (b == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'));
            if (lineEnd && i + 1 < bytes.length) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return new LineIndex(Arrays.copyOf(starts, count), bytes.length);
    }

    /** Number of lines; an empty file has zero, a final line without a newline counts. */
    public int lineCount() {
        return length == 0 ? 0 : lineStarts.length;
    }

    /** 1-based line holding the byte at {@code offset} (an offset at the end maps to the last line). */
    public int lineOf(long offset) {
        if (offset < 0 || offset > length) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside [0, " + length + "]");
        }
        int i = Arrays.binarySearch(lineStarts, (int) offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** 1-based line of the last byte of {@code [bstart, bend)}; the start line for an empty span. */
    public int endLineOf(long bstart, long bend) {
        return lineOf(bend > bstart ? bend - 1 : bstart);
    }

    public int lineStart(int line) {
        return lineStarts[line - 1];
    }
}
