package io.codeanatomy.scope.python;

import io.codeanatomy.scope.Binding;

import java.util.Locale;

/** The syntax that binds a name; {@link #label()} is what {@link Binding#sites} holds. */
enum BindingSite {
    ASSIGN, AUGASSIGN, ANNASSIGN, ANNOTATION, DEL, FOR, WITH, EXCEPT, WALRUS, MATCH, IMPORT, DEF, CLASS, PARAMETER,
    GLOBAL, NONLOCAL;

    private final String label = name().toLowerCase(Locale.ROOT);

    String label() {
        return label;
    }
}
