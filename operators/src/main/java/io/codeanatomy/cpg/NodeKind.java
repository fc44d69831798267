package io.codeanatomy.cpg;

/**
 * CPG node kinds, one schema for all languages (docs/schema.md). The order breaks ties between
 * nodes with the same span: the earlier kind encloses the later one (a DOCSTRING encloses the
 * LITERAL of the same string; a SYNTAX wrapper such as {@code expression_statement} encloses the CALL
 * it consists of).
 */
public enum NodeKind {
    FILE, MODULE, ERROR, SYNTAX, CLASS, FUNCTION, LAMBDA, DECORATOR, PARAMETER, IMPORT, CALL, ATTRIBUTE, DOCSTRING, LITERAL,
    COMMENT, NAME,
    /** A name bound in a scope (scope layer); not a syntax node: no parent, no span nesting. */
    VARIABLE,
    /** A target outside the file: a builtin or an unresolved name (span [0, 0)); not a syntax node. */
    EXTERNAL;

    /** Whether the node is a piece of the syntax tree (nested by span under FILE). */
    public boolean syntactic() {
        return this != VARIABLE && this != EXTERNAL;
    }
}
