package io.codeanatomy.cpg;

/** What a symbol is (docs/schema.md, "Symbols"). */
public enum SymbolKind {
    MODULE,
    CLASS,
    /** A function whose container is a module or a function. */
    FUNCTION,
    /** A function defined in a class body. */
    METHOD,
    /** A name bound in a module body (not only by def, class or import). */
    VARIABLE,
    /** A name bound in a class body (not only by def, class or import). */
    ATTRIBUTE,
    /** A parameter of a function or method. */
    PARAMETER
}
