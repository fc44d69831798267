package io.codeanatomy.scope;

import java.util.List;
import java.util.Set;

/** Scopes, bindings and name occurrences of one file, each list in source order. */
public final class ScopeModel {
    public final List<Scope> scopes;
    public final List<Binding> bindings;
    public final List<Occurrence> occurrences;
    /** Names each scope declares {@code global}, by scope index. */
    public final List<Set<String>> declaredGlobal;
    /** Names each scope declares {@code nonlocal}, by scope index. */
    public final List<Set<String>> declaredNonlocal;
    /** {@code from __future__ import annotations}: annotations stay strings, symtable does not see their names. */
    public final boolean postponedAnnotations;
    /** The file has a {@code from m import *}: its UNRESOLVED names may well come from there. */
    public final boolean starImport;

    public ScopeModel(List<Scope> scopes, List<Binding> bindings, List<Occurrence> occurrences,
                      List<Set<String>> declaredGlobal, List<Set<String>> declaredNonlocal, boolean postponedAnnotations,
                      boolean starImport) {
        this.scopes = scopes;
        this.bindings = bindings;
        this.occurrences = occurrences;
        this.declaredGlobal = declaredGlobal;
        this.declaredNonlocal = declaredNonlocal;
        this.postponedAnnotations = postponedAnnotations;
        this.starImport = starImport;
    }
}
