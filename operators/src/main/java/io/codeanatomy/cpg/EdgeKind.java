package io.codeanatomy.cpg;

/** CPG edge kinds (docs/schema.md). */
public enum EdgeKind {
    /** Parent to child in the syntax tree, over the nodes the graph keeps. */
    SYNTAX_CHILD,
    /** FILE to MODULE, and a MODULE, CLASS or FUNCTION to the definitions and imports directly inside it. */
    CONTAINS
}
