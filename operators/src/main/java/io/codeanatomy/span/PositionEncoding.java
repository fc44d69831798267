package io.codeanatomy.span;

import java.util.Objects;

/**
 * How a layer writes a (line, column) position: the column unit and whether lines and columns
 * start at 0 or 1. For example CPython's ast is 1-based lines with 0-based UTF-8 byte columns,
 * SCIP is 0-based lines with 0-based UTF-16 columns.
 */
public final class PositionEncoding {
    public static final PositionEncoding TREE_SITTER = new PositionEncoding(ColumnUnit.UTF8_BYTES, 0, 0, false);
    /** CPython decodes the file first, so a UTF-8 BOM is not part of line 1's columns. */
    public static final PositionEncoding CPYTHON_AST = new PositionEncoding(ColumnUnit.UTF8_BYTES, 1, 0, true);
    public static final PositionEncoding SCIP = new PositionEncoding(ColumnUnit.UTF16_UNITS, 0, 0, false);
    public static final PositionEncoding PYTHON_STR = new PositionEncoding(ColumnUnit.CODE_POINTS, 1, 0, true);

    public final ColumnUnit unit;
    public final int lineBase;
    public final int columnBase;
    /** Whether columns on line 1 start after a UTF-8 byte order mark rather than before it. */
    public final boolean skipsBom;

    public PositionEncoding(ColumnUnit unit, int lineBase, int columnBase) {
        this(unit, lineBase, columnBase, false);
    }

    public PositionEncoding(ColumnUnit unit, int lineBase, int columnBase, boolean skipsBom) {
        if ((lineBase != 0 && lineBase != 1) || (columnBase != 0 && columnBase != 1)) {
            throw new IllegalArgumentException("line and column bases are 0 or 1");
        }
        this.unit = Objects.requireNonNull(unit);
        this.lineBase = lineBase;
        this.columnBase = columnBase;
        this.skipsBom = skipsBom;
    }

    @Override
    public String toString() {
        return unit + " (lines from " + lineBase + ", columns from " + columnBase + ")";
    }
}
