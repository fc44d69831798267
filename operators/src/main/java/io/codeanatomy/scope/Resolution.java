package io.codeanatomy.scope;

import io.codeanatomy.evidence.StableCode;

/** Where the language finds the name an occurrence uses, by its scoping rules. */
public enum Resolution implements StableCode {
    /** Bound in the scope the occurrence is evaluated in. */
    LOCAL(0),
    /** Bound in an enclosing function, lambda or comprehension scope (a free variable, {@code nonlocal} included). */
    ENCLOSING(1),
    /** Bound at module level, from outside the module scope ({@code global} declarations included). */
    GLOBAL(2),
    /** Not bound in the module but provided by the runtime: a {@code builtins} name or a module dunder. */
    BUILTIN(3),
    /** Nothing found: a name from {@code from m import *}, {@code globals()} tricks, or a plain mistake. */
    UNRESOLVED(4);

    private final int code;

    Resolution(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
