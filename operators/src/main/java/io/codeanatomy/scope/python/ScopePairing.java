package io.codeanatomy.scope.python;

import io.codeanatomy.scope.Scope;
import io.codeanatomy.scope.ScopeKind;

import io.codeanatomy.extract.cpython.CPythonFacts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs our scopes with symtable's: same symtable type, name and line, the k-th of ours on that line with
 * symtable's k-th, ours taken in symtable's visiting order (see {@link #inSymtableOrder}).
 */
public final class ScopePairing {
    /** For each of our scopes, the index of its symtable scope or -1. */
    public final int[] symtableOf;
    /** For each symtable scope, the index of our scope or -1. */
    final int[] oursOf;

    public ScopePairing(List<Scope> ours, List<CPythonFacts.Scope> symtable) {
        symtableOf = new int[ours.size()];
        oursOf = new int[symtable.size()];
        Arrays.fill(symtableOf, -1);
        Arrays.fill(oursOf, -1);
        Map<String, List<Integer>> waiting = new HashMap<>();
        for (int t = 0; t < symtable.size(); t++) {
            CPythonFacts.Scope s = symtable.get(t);
            waiting.computeIfAbsent(key(s.type, s.name, s.line), k -> new ArrayList<>()).add(t);
        }
        Map<String, Integer> taken = new HashMap<>();
        for (Scope s : inSymtableOrder(ours)) {
            String key = key(symtableType(s.kind), s.name, s.line);
            List<Integer> candidates = waiting.get(key);
            int k = taken.merge(key, 1, Integer::sum) - 1;
            if (candidates != null && k < candidates.size()) {
                symtableOf[s.index] = candidates.get(k);
                oursOf[candidates.get(k)] = s.index;
            }
        }
    }

    /**
     * Our scopes in the order symtable lists them: pre-order, but symtable visits what a scope evaluates
     * outside itself (defaults, bases, a comprehension's first iterable) before entering it, so a child
     * nested in a sibling's span comes before that sibling. Among siblings that is: earlier end first,
     * inner first on equal ends. (A comprehension's element is visited after its clauses; not modelled.)
     */
    static List<Scope> inSymtableOrder(List<Scope> ours) {
        List<List<Scope>> children = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            children.add(new ArrayList<>());
        }
        for (Scope s : ours) {
            if (s.parent >= 0) {
                children.get(s.parent).add(s);
            }
        }
        Comparator<Scope> visiting = Comparator.<Scope>comparingInt(s -> s.bend).thenComparing(s -> -s.bstart);
        List<Scope> order = new ArrayList<>(ours.size());
        Deque<Scope> stack = new ArrayDeque<>();
        for (Scope s : ours) {
            if (s.parent < 0) {
                stack.push(s);
            }
        }
        while (!stack.isEmpty()) {
            Scope s = stack.pop();
            order.add(s);
            List<Scope> kids = children.get(s.index);
            kids.sort(visiting);
            for (int k = kids.size() - 1; k >= 0; k--) {
                stack.push(kids.get(k));
            }
        }
        return order;
    }

    static String symtableType(ScopeKind kind) {
        switch (kind) {
            case MODULE:
                return "MODULE";
            case CLASS:
                return "CLASS";
            default:
                return "FUNCTION";
        }
    }

    private static String key(String type, String name, int line) {
        return type + ' ' + name + ' ' + line;
    }
}
