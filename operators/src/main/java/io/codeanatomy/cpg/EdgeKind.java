package io.codeanatomy.cpg;

/** CPG edge kinds (docs/schema.md). */
public enum EdgeKind {
    /** Parent to child in the syntax tree, over the nodes the graph keeps. */
    SYNTAX_CHILD,
    /** FILE to MODULE, and a MODULE, CLASS or FUNCTION to the definitions and imports directly inside it. */
    CONTAINS,
    /** A FUNCTION or LAMBDA to each of its parameters. */
    HAS_PARAMETER,
    /** A DECORATOR to the FUNCTION or CLASS it decorates. */
    DECORATES,
    /** A DOCSTRING to the MODULE, CLASS or FUNCTION it documents. */
    DOCUMENTS,
    /** A NAME occurrence to the VARIABLE, PARAMETER or EXTERNAL it resolves to; prop {@code access}. */
    REFERS_TO,
    /** A scope's node (MODULE, CLASS, FUNCTION, LAMBDA, comprehension) to a VARIABLE bound in it. */
    DECLARES,
    /** A CALL or NAME to its innermost enclosing FUNCTION, CLASS or MODULE. */
    ENCLOSED_BY
}
