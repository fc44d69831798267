package io.codeanatomy.scope.python;

import io.codeanatomy.scope.Binding;
import io.codeanatomy.scope.Occurrence;
import io.codeanatomy.scope.Resolution;
import io.codeanatomy.scope.Scope;
import io.codeanatomy.scope.ScopeKind;
import io.codeanatomy.scope.ScopeModel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the walk's name events into bindings and resolved occurrences, as CPython's symtable decides:
 * a name bound anywhere in a scope is local to all of it unless declared {@code global}/{@code nonlocal};
 * free names are looked up in enclosing function-like scopes (class bodies are skipped), then the module,
 * then builtins.
 */
final class NameResolution {
    private static final int MODULE = 0;

    private final List<Scope> scopes;
    private final List<Set<String>> declaredGlobal;
    private final List<Set<String>> declaredNonlocal;
    private final List<Map<String, Integer>> bound;
    private final List<PendingBinding> pending = new ArrayList<>();
    private final List<int[]> loops;
    private final boolean postponedAnnotations;

    /** A binding while sites are still being added. */
    private static final class PendingBinding {
        final int scope;
        final String name;
        final boolean parameter;
        final int bstart;
        final int bend;
        final EnumSet<BindingSite> sites = EnumSet.noneOf(BindingSite.class);
        /** The earliest offset from which one of the scope's own writes is in effect. */
        int firstEffect = Integer.MAX_VALUE;
        /** Where the scope's own writes are, for loops that carry a later write back to an earlier read. */
        final List<Integer> writes = new ArrayList<>(1);

        PendingBinding(int scope, String name, boolean parameter, int bstart, int bend) {
            this.scope = scope;
            this.name = name;
            this.parameter = parameter;
            this.bstart = bstart;
            this.bend = bend;
        }
    }

    private NameResolution(ScopeWalk walk) {
        this.scopes = walk.scopes;
        this.declaredGlobal = walk.declaredGlobal;
        this.declaredNonlocal = walk.declaredNonlocal;
        this.bound = new ArrayList<>(Collections.nCopies(scopes.size(), null));
        this.loops = walk.loops;
        this.postponedAnnotations = walk.postponedAnnotations;
    }

    static ScopeModel resolve(ScopeWalk walk) {
        NameResolution r = new NameResolution(walk);
        List<NameEvent> throughNonlocal = new ArrayList<>();
        for (NameEvent e : walk.events) {
            if (e.site != null) {
                r.bind(e, throughNonlocal);
            }
        }
        for (NameEvent e : throughNonlocal) {
            int b = r.enclosing(r.scopes.get(e.scope).parent, e.name);
            if (b >= 0) {
                r.pending.get(b).sites.add(BindingSite.NONLOCAL);
            }
        }
        List<Occurrence> occurrences = new ArrayList<>(walk.events.size());
        for (NameEvent e : walk.events) {
            occurrences.add(r.occurrence(e));
        }
        return new ScopeModel(Collections.unmodifiableList(walk.scopes), r.bindings(),
                Collections.unmodifiableList(occurrences), frozen(walk.declaredGlobal), frozen(walk.declaredNonlocal),
                walk.postponedAnnotations, walk.starImport);
    }

    /** Records a write; writes through a nonlocal declaration wait until every scope's own bindings are known. */
    private void bind(NameEvent e, List<NameEvent> throughNonlocal) {
        if (e.site == BindingSite.PARAMETER) {
            add(e.scope, e, BindingSite.PARAMETER, true);
            return;
        }
        int scope = e.scope;
        if (e.site == BindingSite.WALRUS) {
            while (scopes.get(scope).kind == ScopeKind.COMPREHENSION) {
                scope = scopes.get(scope).parent; // PEP 572: the comprehension's container gets the name
            }
        }
        if (scope != MODULE && declares(declaredGlobal, scope, e.name)) {
            add(MODULE, e, BindingSite.GLOBAL, false);
        } else if (scope != MODULE && declares(declaredNonlocal, scope, e.name)) {
            throughNonlocal.add(e.scope == scope ? e : retarget(e, scope));
        } else {
            add(scope, e, e.site, false);
        }
    }

    private static NameEvent retarget(NameEvent e, int scope) {
        return new NameEvent(e.bstart, e.bend, e.name, e.access, scope, e.site, e.spanStart, e.spanEnd, e.inAnnotation,
                e.effect);
    }

    private void add(int scope, NameEvent e, BindingSite site, boolean parameter) {
        Map<String, Integer> names = bound.get(scope);
        if (names == null) {
            names = new HashMap<>();
            bound.set(scope, names);
        }
        Integer b = names.get(e.name);
        if (b == null) {
            b = pending.size();
            pending.add(new PendingBinding(scope, e.name, parameter, e.spanStart, e.spanEnd));
            names.put(e.name, b);
        }
        PendingBinding binding = pending.get(b);
        binding.sites.add(site);
        if (site != BindingSite.GLOBAL && site != BindingSite.NONLOCAL) {
            binding.firstEffect = Math.min(binding.firstEffect, e.effect);
            binding.writes.add(e.bstart);
        }
    }

    private Occurrence occurrence(NameEvent e) {
        int binding = lookup(e.scope, e.name);
        boolean builtinInstead = false;
        if (binding >= 0 && readsByName(e) && pending.get(binding).scope == e.scope && unboundYet(binding, e)) {
            // LOAD_NAME: a class or module body reading a name it binds only later finds the module's
            // binding (from a class body) or the builtin; with neither, the later binding is still the answer.
            int global = scopes.get(e.scope).kind == ScopeKind.CLASS ? boundIn(MODULE, e.name) : -1;
            if (global >= 0) {
                binding = global;
            } else if (PythonBuiltins.contains(e.name)) {
                binding = -1;
                builtinInstead = true;
            }
        }
        Resolution resolution;
        if (binding < 0) {
            resolution = builtinInstead || PythonBuiltins.contains(e.name) ? Resolution.BUILTIN : Resolution.UNRESOLVED;
        } else {
            int where = pending.get(binding).scope;
            if (where == e.scope) {
                resolution = Resolution.LOCAL;
            } else {
                resolution = where == MODULE ? Resolution.GLOBAL : Resolution.ENCLOSING;
            }
        }
        return new Occurrence(e.bstart, e.bend, e.name, e.access, e.scope, resolution, binding, e.inAnnotation);
    }

    /**
     * A read that Python compiles to LOAD_NAME (in a class or module body; not a postponed annotation,
     * which is never evaluated and which type checkers resolve against the whole scope).
     */
    private boolean readsByName(NameEvent e) {
        ScopeKind kind = scopes.get(e.scope).kind;
        return e.access == io.codeanatomy.scope.Access.READ && (kind == ScopeKind.CLASS || kind == ScopeKind.MODULE)
                && !(e.inAnnotation && postponedAnnotations);
    }

    /**
     * Whether no write of the binding is in effect yet where {@code e} reads it, in source order: every
     * write of its scope takes effect after the read, none comes through a {@code global} declaration
     * (a function may have run it), and no loop around the read in that scope holds a write.
     */
    private boolean unboundYet(int binding, NameEvent e) {
        PendingBinding b = pending.get(binding);
        if (b.sites.contains(BindingSite.GLOBAL) || e.bstart < 0 || b.firstEffect <= e.bstart) {
            return false;
        }
        for (int[] loop : loops) {
            if (loop[0] == b.scope && loop[1] <= e.bstart && e.bstart < loop[2]) {
                for (int w : b.writes) {
                    if (loop[1] <= w && w < loop[2]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The binding a name evaluated in {@code scope} refers to, or -1 (a builtin or nothing). */
    private int lookup(int scope, String name) {
        if (scope == MODULE) {
            return boundIn(MODULE, name);
        }
        if (declares(declaredGlobal, scope, name)) {
            return boundIn(MODULE, name);
        }
        if (declares(declaredNonlocal, scope, name)) {
            return enclosing(scopes.get(scope).parent, name);
        }
        int b = boundIn(scope, name);
        if (b >= 0) {
            return b;
        }
        for (int s = scopes.get(scope).parent; s != MODULE; s = scopes.get(s).parent) {
            if (scopes.get(s).kind == ScopeKind.CLASS) {
                continue; // class bodies are not visible to the functions inside them
            }
            if (declares(declaredGlobal, s, name)) {
                break;
            }
            b = boundIn(s, name);
            if (b >= 0) {
                return b;
            }
        }
        return boundIn(MODULE, name);
    }

    /** The binding a {@code nonlocal} name refers to: the nearest enclosing function-like scope binding it. */
    private int enclosing(int from, String name) {
        for (int s = from; s > MODULE; s = scopes.get(s).parent) {
            if (scopes.get(s).kind == ScopeKind.CLASS) {
                continue;
            }
            int b = boundIn(s, name);
            if (b >= 0) {
                return b;
            }
        }
        return -1;
    }

    private int boundIn(int scope, String name) {
        Map<String, Integer> names = bound.get(scope);
        Integer b = names == null ? null : names.get(name);
        return b == null ? -1 : b;
    }

    private static boolean declares(List<Set<String>> declarations, int scope, String name) {
        Set<String> names = declarations.get(scope);
        return names != null && names.contains(name);
    }

    private List<Binding> bindings() {
        List<Binding> out = new ArrayList<>(pending.size());
        for (PendingBinding p : pending) {
            Set<String> sites = new LinkedHashSet<>();
            for (BindingSite s : p.sites) {
                sites.add(s.label());
            }
            out.add(new Binding(out.size(), p.scope, p.name, p.parameter, p.bstart, p.bend,
                    Collections.unmodifiableSet(sites)));
        }
        return Collections.unmodifiableList(out);
    }

    private static List<Set<String>> frozen(List<Set<String>> declarations) {
        List<Set<String>> out = new ArrayList<>(declarations.size());
        for (Set<String> names : declarations) {
            out.add(names == null ? Set.of() : Collections.unmodifiableSet(names));
        }
        return Collections.unmodifiableList(out);
    }
}
