package io.codeanatomy.scope;

import java.util.Set;

/** A name bound in one scope: every write to it in that scope (or through a declaration) lands here. */
public final class Binding {
    public final int index;
    public final int scope;
    public final String name;
    public final boolean parameter;
    /** The whole parameter node for a parameter; otherwise the identifier of the first binding occurrence. */
    public final int bstart;
    public final int bend;
    /**
     * How the name gets bound, lower case: {@code assign}, {@code augassign}, {@code annassign}, {@code annotation},
     * {@code del}, {@code for}, {@code with}, {@code except}, {@code walrus}, {@code match}, {@code import},
     * {@code def}, {@code class}, {@code parameter}; {@code global} / {@code nonlocal} for writes made from
     * another scope through a declaration (those writes add only that site).
     */
    public final Set<String> sites;

    public Binding(int index, int scope, String name, boolean parameter, int bstart, int bend, Set<String> sites) {
        this.index = index;
        this.scope = scope;
        this.name = name;
        this.parameter = parameter;
        this.bstart = bstart;
        this.bend = bend;
        this.sites = sites;
    }

    @Override
    public String toString() {
        return name + "@" + scope + sites;
    }
}
