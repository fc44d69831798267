package io.codeanatomy.resolve.python;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which bindings of a module-level name may hold when the module's body has run, from where each
 * sits among the branches of the module's compound statements ({@link ModuleSummary.Binding#branch()}):
 *
 * <ol>
 *   <li>A binding ends every earlier one in its own branch or in a branch nested in it: whenever the
 *       earlier one ran, it runs after it ({@code return}, {@code raise} and {@code break} are not
 *       followed). A statement that always runs one of its branches (an {@code if} with an
 *       {@code else}, a {@code try} and its handlers) and binds the name directly in each of them
 *       ends the bindings before it. What is left may hold: {@code if ...: import posixpath as path
 *       elif ...: import ntpath as path} leaves both.</li>
 *   <li>As in Pyright, bindings in an {@code except} handler give way to the others
 *       ({@code try: import ssl except ImportError: ssl = None} means {@code ssl}).</li>
 *   <li>An import of a module outside the repository gives way to the repository's own definitions
 *       and imports: {@code class partial ...; try: from _functools import partial} means the class,
 *       the code there is to read (the outside module is often a compiled accelerator with the
 *       same behaviour).</li>
 * </ol>
 * The result keeps source order; the linker splits the confidence between what remains.
 */
final class LiveBindings {
    private LiveBindings() {
    }

    /** {@code events}: the name's bindings in source order; {@code inRepository}: whether a binding is the repository's own. */
    static List<ModuleSummary.Binding> of(List<ModuleSummary.Binding> events, Predicate<ModuleSummary.Binding> inRepository) {
        if (events.size() == 1) {
            return events;
        }
        List<ModuleSummary.Binding> live = new ArrayList<>();
        for (ModuleSummary.Binding b : events) {
            List<String> at = path(b);
            live.removeIf(earlier -> startsWith(path(earlier), at));
            live.add(b);
            coverage(live, at);
        }
        List<ModuleSummary.Binding> outsideHandlers = live.stream().filter(b -> !inHandler(b)).toList();
        if (!outsideHandlers.isEmpty()) {
            live = outsideHandlers;
        }
        List<ModuleSummary.Binding> own = live.stream().filter(inRepository).toList();
        return own.isEmpty() ? live : own;
    }

    /**
     * When the binding just added at {@code at} completes a statement that always runs one of its N
     * branches (its innermost branch says {@code #N}) with a binding directly in each, the bindings
     * that came before the statement in the branch that holds it are ended.
     */
    private static void coverage(List<ModuleSummary.Binding> live, List<String> at) {
        if (at.isEmpty()) {
            return;
        }
        String innermost = at.get(at.size() - 1);
        int hash = innermost.indexOf('#');
        if (hash < 0) {
            return;
        }
        int branches = Integer.parseInt(innermost.substring(hash + 1));
        String statement = innermost.substring(0, innermost.indexOf(':') + 1);
        List<String> outer = at.subList(0, at.size() - 1);
        Set<String> bound = new HashSet<>();
        for (ModuleSummary.Binding b : live) {
            List<String> p = path(b);
            if (p.size() == at.size() && p.subList(0, outer.size()).equals(outer) && p.get(outer.size()).startsWith(statement)) {
                bound.add(p.get(outer.size()));
            }
        }
        if (bound.size() == branches) {
            live.removeIf(b -> {
                List<String> p = path(b);
                return startsWith(p, outer) && !(p.size() > outer.size() && p.get(outer.size()).startsWith(statement));
            });
        }
    }

    private static boolean inHandler(ModuleSummary.Binding b) {
        for (String branch : path(b)) {
            if (branch.startsWith("try@") && branch.substring(branch.indexOf(':') + 1).startsWith("except")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> path(ModuleSummary.Binding b) {
        return b.branch().isEmpty() ? List.of() : List.of(b.branch().split("/"));
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }
}
