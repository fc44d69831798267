package io.codeanatomy.span;

/** What a column counts: how each evidence layer reports positions inside a line. */
public enum ColumnUnit {
    /** Bytes of UTF-8 (tree-sitter, CPython's ast col_offset). */
    UTF8_BYTES,
    /** UTF-16 code units (SCIP, LSP, Java strings): a character outside the BMP counts 2. */
    UTF16_UNITS,
    /** Unicode code points (Python str indexes, symtable). */
    CODE_POINTS
}
