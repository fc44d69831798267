package io.codeanatomy.cpg;

import io.codeanatomy.evidence.StableCode;

/**
 * CPG node kinds, one schema for all languages (docs/schema.md). Each has a stable code for evidence
 * and state (frozen; a new kind takes the next free code). The declaration order breaks ties between
 * nodes with the same span: the earlier kind encloses the later one (a DOCSTRING encloses the LITERAL
 * of the same string; a SYNTAX wrapper such as {@code expression_statement} encloses the CALL it
 * consists of).
 */
public enum NodeKind implements StableCode {
    FILE(0), MODULE(1), ERROR(2), SYNTAX(3), CLASS(4), FUNCTION(5), LAMBDA(6), DECORATOR(7), PARAMETER(8), IMPORT(9),
    CALL(10), ATTRIBUTE(11), DOCSTRING(12), LITERAL(13), COMMENT(14), NAME(15),
    /** A name bound in a scope (scope layer); not a syntax node: no parent, no span nesting. */
    VARIABLE(16),
    /** A target outside the file: a builtin or an unresolved name (span [0, 0)); not a syntax node. */
    EXTERNAL(17);

    private final int code;

    NodeKind(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** Whether the node is a piece of the syntax tree (nested by span under FILE). */
    public boolean syntactic() {
        return this != VARIABLE && this != EXTERNAL;
    }

    /** Rank among kinds sharing a span: lower encloses higher. */
    public int nestingRank() {
        return ordinal();
    }
}
