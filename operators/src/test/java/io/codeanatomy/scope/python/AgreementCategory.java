package io.codeanatomy.scope.python;

/** What {@link SymtableAgreement} counts agreements and disagreements of. */
public enum AgreementCategory {
    /** Scopes paired by (kind, name, line, order on the line); a scope only one side has disagrees. */
    SCOPES,
    /** Per symtable symbol of a paired scope: bound there (local or parameter) on both sides or on neither, parameter flag equal. */
    BINDINGS,
    /** Per symtable symbol we have occurrences of: every occurrence resolves the way symtable's scope says. */
    RESOLUTION,
    /** Per name we have in a paired scope: symtable lists it too (a disagreement is a symbol only we have). */
    OUR_SYMBOLS,
    /** Per symtable symbol of a paired scope: we have a binding, occurrence or declaration of it too. */
    SYMTABLE_SYMBOLS
}
