package io.codeanatomy.align;

/** The evidence layers that meet in the align operator, one record each per file version. */
public enum EvidenceLayer {
    /** tree-sitter CST and the scope analysis over it (one task computes both from one tree). */
    CST,
    /** CPython's own ast and symtable, from the helper process. */
    CPYTHON;

    int bit() {
        return 1 << ordinal();
    }
}
