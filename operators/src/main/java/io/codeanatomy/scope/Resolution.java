package io.codeanatomy.scope;

/** Where Python finds the name an occurrence uses, by CPython's scoping rules. */
public enum Resolution {
    /** Bound in the scope the occurrence is evaluated in. */
    LOCAL,
    /** Bound in an enclosing function, lambda or comprehension scope (a free variable, {@code nonlocal} included). */
    ENCLOSING,
    /** Bound at module level, from outside the module scope ({@code global} declarations included). */
    GLOBAL,
    /** Not bound in the module but provided by the runtime: a {@code builtins} name or a module dunder. */
    BUILTIN,
    /** Nothing found: a name from {@code from m import *}, {@code globals()} tricks, or a plain mistake. */
    UNRESOLVED
}
