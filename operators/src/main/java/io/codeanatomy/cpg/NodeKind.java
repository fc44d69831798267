package io.codeanatomy.cpg;

/**
 * CPG node kinds, one schema for all languages (docs/schema.md). The order breaks ties between
 * nodes with the same span: the earlier kind encloses the later one (a DOCSTRING encloses the
 * LITERAL of the same string; a SYNTAX wrapper such as {@code expression_statement} encloses the CALL
 * it consists of).
 */
public enum NodeKind {
    FILE, MODULE, ERROR, SYNTAX, CLASS, FUNCTION, LAMBDA, DECORATOR, PARAMETER, IMPORT, CALL, ATTRIBUTE, DOCSTRING, LITERAL,
    COMMENT, NAME
}
