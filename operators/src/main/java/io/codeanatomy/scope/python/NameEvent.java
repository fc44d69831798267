package io.codeanatomy.scope.python;

import io.codeanatomy.scope.Access;

/** One identifier the walk found to name a variable, before resolution. */
final class NameEvent {
    final int bstart;
    final int bend;
    final String name;
    final Access access;
    /** The scope the identifier is evaluated in. */
    final int scope;
    /** How a WRITE or DELETE binds; null for reads. */
    final BindingSite site;
    /** For a parameter, the whole parameter node's span; otherwise the identifier's. */
    final int spanStart;
    final int spanEnd;
    final boolean inAnnotation;
    /**
     * For a write, the offset from which its binding is in effect in source order (after the statement's
     * right-hand side, a definition's decorators, a loop's iterable); for anything else, {@code bstart}.
     */
    final int effect;

    NameEvent(int bstart, int bend, String name, Access access, int scope, BindingSite site, int spanStart, int spanEnd,
              boolean inAnnotation, int effect) {
        this.bstart = bstart;
        this.bend = bend;
        this.name = name;
        this.access = access;
        this.scope = scope;
        this.site = site;
        this.spanStart = spanStart;
        this.spanEnd = spanEnd;
        this.inAnnotation = inAnnotation;
        this.effect = effect;
    }
}
