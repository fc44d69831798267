package io.codeanatomy.span;

/** A (line, column) position in some {@link PositionEncoding}. */
public final class TextPosition {
    public final int line;
    public final int column;

    public TextPosition(int line, int column) {
        this.line = line;
        this.column = column;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextPosition && ((TextPosition) o).line == line && ((TextPosition) o).column == column;
    }

    @Override
    public int hashCode() {
        return line * 31 + column;
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
