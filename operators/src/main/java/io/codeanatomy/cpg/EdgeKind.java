package io.codeanatomy.cpg;

import io.codeanatomy.evidence.StableCode;

/** CPG edge kinds (docs/schema.md), each with a stable code for evidence and state (frozen). */
public enum EdgeKind implements StableCode {
    /** Parent to child in the syntax tree, over the nodes the graph keeps; not stored: the view cpg_syntax_edges derives it from parent_id. */
    SYNTAX_CHILD(0),
    /** FILE to MODULE, and a MODULE, CLASS or FUNCTION to the definitions and imports directly inside it. */
    CONTAINS(1),
    /** A FUNCTION or LAMBDA to each of its parameters. */
    HAS_PARAMETER(2),
    /** A DECORATOR to the FUNCTION or CLASS it decorates. */
    DECORATES(3),
    /** A DOCSTRING to the MODULE, CLASS or FUNCTION it documents. */
    DOCUMENTS(4),
    /** A NAME occurrence to the VARIABLE, PARAMETER or EXTERNAL it resolves to; prop {@code access}. */
    REFERS_TO(5),
    /** A scope's node (MODULE, CLASS, FUNCTION, LAMBDA, comprehension) to a VARIABLE bound in it. */
    DECLARES(6),
    /** A CALL or NAME to its innermost enclosing FUNCTION, CLASS or MODULE. */
    ENCLOSED_BY(7),
    /** Cross-file (table xrefs): an IMPORT to the module it names. */
    IMPORTS(8),
    /** Cross-file (table xrefs): an import-bound VARIABLE, or a star-import EXTERNAL, to the definition it finally names. */
    RESOLVES_TO(9),
    /** Cross-file (table xrefs): a CALL to the function, method or class (its {@code __init__}) it calls. */
    CALLS(10),
    /** Cross-file (table xrefs): a CLASS to each of its base classes. */
    INHERITS(11),
    /** Cross-file (table xrefs): a method's FUNCTION to the method of a base class it overrides. */
    OVERRIDES(12);

    private final int code;

    EdgeKind(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
