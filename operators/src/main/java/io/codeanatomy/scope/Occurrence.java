package io.codeanatomy.scope;

/** One identifier that names a variable, with the scope it is evaluated in and what it resolved to. */
public final class Occurrence {
    public final int bstart;
    public final int bend;
    public final String name;
    public final Access access;
    /** The scope the identifier is evaluated in (a default value's scope is the one enclosing the def). */
    public final int scope;
    public final Resolution resolution;
    /** The binding it refers to, -1 for BUILTIN and UNRESOLVED. */
    public final int binding;
    /** Inside a parameter, return or variable annotation (never evaluated under postponed annotations). */
    public final boolean inAnnotation;

    public Occurrence(int bstart, int bend, String name, Access access, int scope, Resolution resolution, int binding,
                      boolean inAnnotation) {
        this.bstart = bstart;
        this.bend = bend;
        this.name = name;
        this.access = access;
        this.scope = scope;
        this.resolution = resolution;
        this.binding = binding;
        this.inAnnotation = inAnnotation;
    }

    @Override
    public String toString() {
        return name + "@" + bstart + " " + access + " " + resolution + " scope=" + scope + " binding=" + binding;
    }
}
