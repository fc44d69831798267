package io.codeanatomy.cpg;

/**
 * CPG node kinds, one schema for all languages (docs/schema.md). The order breaks ties between
 * nodes with the same span: the earlier kind encloses the later one.
 */
public enum NodeKind {
    FILE, MODULE, ERROR, CLASS, FUNCTION, PARAMETER, IMPORT, CALL, NAME
}
