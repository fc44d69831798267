package io.codeanatomy.scope;

/** One scope of a file: the module, a class body, a function, a lambda or a comprehension. */
public final class Scope {
    public final int index;
    public final ScopeKind kind;
    /** symtable's name: the def/class name, {@code lambda}, {@code listcomp}, {@code setcomp}, {@code dictcomp}, {@code genexpr}, {@code top}. */
    public final String name;
    /** Byte span of the defining node (the whole file for the module). */
    public final int bstart;
    public final int bend;
    /** Index of the enclosing scope, -1 for the module. */
    public final int parent;
    /** 1-based line symtable reports (the {@code def}/{@code class} line, not a decorator's); 0 for the module. */
    public final int line;

    public Scope(int index, ScopeKind kind, String name, int bstart, int bend, int parent, int line) {
        this.index = index;
        this.kind = kind;
        this.name = name;
        this.bstart = bstart;
        this.bend = bend;
        this.parent = parent;
        this.line = line;
    }

    @Override
    public String toString() {
        return kind + " " + name + "@" + line;
    }
}
