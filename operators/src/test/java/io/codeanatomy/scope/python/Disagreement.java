package io.codeanatomy.scope.python;

/** One example of our model and symtable saying different things about a name or a scope. */
public final class Disagreement {
    public final String file;
    /** The scope, as kind, name and line ({@code FUNCTION parse@120}). */
    public final String scope;
    /** The name, or null for a scope only one side has. */
    public final String name;
    public final String symtable;
    public final String ours;

    public Disagreement(String file, String scope, String name, String symtable, String ours) {
        this.file = file;
        this.scope = scope;
        this.name = name;
        this.symtable = symtable;
        this.ours = ours;
    }

    @Override
    public String toString() {
        return file + " " + scope + (name == null ? "" : " '" + name + "'") + ": symtable " + symtable + "; ours " + ours;
    }
}
