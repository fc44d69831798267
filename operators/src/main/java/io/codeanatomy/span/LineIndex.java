package io.codeanatomy.span;

import java.util.Arrays;

/**
 * Line starts of a file, computed from its raw bytes: the one place that converts between canonical
 * byte offsets and (line, column) positions of any evidence layer. LF, CRLF and a lone CR each end a
 * line; a UTF-8 BOM is part of line 1 (for encodings that skip it, columns start after it). Invalid
 * UTF-8 counts one unit per maximal invalid subpart, where Java's and CPython's decoders put one U+FFFD.
 */
public final class LineIndex {
    private static final int BOM_LENGTH = 3;

    /** The file's bytes; null for an index rebuilt from line starts alone (byte columns only). */
    private final byte[] bytes;
    private final int[] lineStarts;
    private final int length;
    private final boolean bom;
    private final boolean endsWithTerminator;

    private LineIndex(byte[] bytes, int[] lineStarts, int length, boolean bom, boolean endsWithTerminator) {
        this.bytes = bytes;
        this.lineStarts = lineStarts;
        this.length = length;
        this.bom = bom;
        this.endsWithTerminator = endsWithTerminator;
    }

    /**
     * An index from what {@link #lineStarts()}, {@link #length()}, {@link #hasBom()} and
     * {@link #endsWithTerminator()} reported: enough for lines and UTF-8 byte columns, without the
     * file's content (which then need not travel). Other column units need the bytes.
     */
    public static LineIndex of(int[] lineStarts, int length, boolean bom, boolean endsWithTerminator) {
        if (lineStarts.length == 0 || lineStarts[0] != 0) {
            throw new IllegalArgumentException("line 1 starts at 0");
        }
        return new LineIndex(null, lineStarts.clone(), length, bom, endsWithTerminator);
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
        int n = bytes.length;
        boolean bom = n >= BOM_LENGTH && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF;
        boolean terminated = n > 0 && (bytes[n - 1] == '\n' || bytes[n - 1] == '\r');
        return new LineIndex(bytes, Arrays.copyOf(starts, count), n, bom, terminated);
    }

    /** The byte offset at which each line starts (a copy). */
    public int[] lineStarts() {
        return lineStarts.clone();
    }

    /** The file's length in bytes. */
    public int length() {
        return length;
    }

    /** Whether the file starts with a UTF-8 byte order mark. */
    public boolean hasBom() {
        return bom;
    }

    /** Whether the file's last byte ends a line. */
    public boolean endsWithTerminator() {
        return endsWithTerminator;
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

    /** Where a 1-based line ends, its terminator included: columns may point at the terminator too. */
    private int lineEnd(int line) {
        return line < lineStarts.length ? lineStarts[line] : length;
    }

    private int columnOrigin(int line, PositionEncoding encoding) {
        int start = lineStarts[line - 1];
        if (line == 1 && encoding.skipsBom && hasBom()) {
            start += BOM_LENGTH;
        }
        return start;
    }

    /** The canonical byte offset of a position written in {@code encoding}. */
    public long toOffset(TextPosition position, PositionEncoding encoding) {
        int line = position.line - encoding.lineBase + 1;
        int column = position.column - encoding.columnBase;
        if (line == lineStarts.length + 1 && column == 0 && endsWithTerminator()) {
            return length; // the start of the empty line after a final line terminator
        }
        if (line < 1 || line > lineStarts.length || column < 0) {
            throw new IllegalArgumentException("position " + position + " (" + encoding + ") is outside the file's "
                    + lineCount() + " lines");
        }
        int offset = columnOrigin(line, encoding);
        int end = lineEnd(line);
        if (encoding.unit == ColumnUnit.UTF8_BYTES) {
            // Byte columns need no walk (a walk would make a 1 MB line's many positions quadratic).
            if (offset + column > end) {
                throw new IllegalArgumentException("position " + position + " (" + encoding + ") is past the end of line "
                        + line);
            }
            return offset + column;
        }
        requireBytes(encoding);
        for (int units = 0; units < column; ) {
            if (offset >= end) {
                throw new IllegalArgumentException("position " + position + " (" + encoding + ") is past the end of line "
                        + line);
            }
            int width = Utf8.sequenceLength(bytes, offset, end);
            units += Utf8.units(bytes, offset, width, encoding.unit);
            offset += width;
        }
        return offset;
    }

    /** The position of a canonical byte offset, written in {@code encoding}. */
    public TextPosition toPosition(long offset, PositionEncoding encoding) {
        if (offset == length && endsWithTerminator()) {
            return new TextPosition(lineStarts.length + encoding.lineBase, encoding.columnBase);
        }
        requireBytes(encoding);
        int line = lineOf(offset);
        int from = columnOrigin(line, encoding);
        int units = 0;
        for (int i = from; i < offset; ) {
            int width = Utf8.sequenceLength(bytes, i, length);
            if (i + width > offset) {
                break; // an offset inside a character counts from that character's start
            }
            units += Utf8.units(bytes, i, width, encoding.unit);
            i += width;
        }
        return new TextPosition(line - 1 + encoding.lineBase, Math.max(0, units) + encoding.columnBase);
    }

    private void requireBytes(PositionEncoding encoding) {
        if (bytes == null) {
            throw new IllegalStateException(encoding + " columns need the file's bytes; this index has line starts only");
        }
    }
}
