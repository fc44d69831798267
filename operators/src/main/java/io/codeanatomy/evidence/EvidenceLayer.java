package io.codeanatomy.evidence;

import io.codeanatomy.evidence.StableCode;

/**
 * The evidence that meets in the align operator, one record each per file version. The code is
 * stable: it is the layer's bit in the operator's keyed state.
 */
public enum EvidenceLayer implements StableCode {
    /** tree-sitter CST and the scope analysis over it (one task computes both from one tree). */
    CST(0),
    /** CPython's own ast and symtable, from the helper process. */
    CPYTHON(1),
    /**
     * The file itself: identity, metadata and line starts ({@code FileHeader}). Every version has one;
     * it is the role the file plays, not a view of its code.
     */
    HEADER(2);

    private final int code;

    EvidenceLayer(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public int bit() {
        return 1 << code;
    }
}
