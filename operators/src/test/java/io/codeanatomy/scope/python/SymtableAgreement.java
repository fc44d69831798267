package io.codeanatomy.scope.python;

import io.codeanatomy.scope.Binding;
import io.codeanatomy.scope.Occurrence;
import io.codeanatomy.scope.Resolution;
import io.codeanatomy.scope.Scope;
import io.codeanatomy.scope.ScopeKind;
import io.codeanatomy.scope.ScopeModel;

import io.codeanatomy.extract.cpython.CPythonFacts;
import io.codeanatomy.span.LineIndex;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How far a {@link ScopeModel} agrees with CPython's symtable on the same file, accumulated over files:
 * per {@link AgreementCategory} counts, and disagreements grouped by cause with a few examples each so the
 * causes can be read. Names symtable invents ({@code .0}, {@code __class__}, ...) and names it cannot see
 * (annotations under {@code from __future__ import annotations}) are counted apart, not as disagreements.
 * Not thread safe: one per thread, then {@link #merge}.
 */
public final class SymtableAgreement {
    private static final Set<String> SYMTABLE_ONLY = Set.of("__class__", "__classcell__", "__classdictcell__");
    /** Flags saying the scope's own code uses the name; symbols with none are entries symtable adds for other scopes. */
    private static final Set<String> EVIDENCE_FLAGS = Set.of("referenced", "assigned", "parameter", "imported",
            "annotated", "nonlocal", "declared_global");

    private final int examplesPerCause;
    private final Map<AgreementCategory, long[]> tallies = new EnumMap<>(AgreementCategory.class);
    private final Map<String, Long> causes = new HashMap<>();
    private final Map<String, List<Disagreement>> examples = new HashMap<>();
    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private long files;
    private long unresolvedGlobals;
    /** Reads resolved past their class or module body because they come before its binding (LOAD_NAME). */
    private final List<String> loadNameReads = new ArrayList<>();

    public SymtableAgreement(int examplesPerCause) {
        this.examplesPerCause = examplesPerCause;
        for (AgreementCategory c : AgreementCategory.values()) {
            tallies.put(c, new long[2]);
        }
    }

    /** Agreements of a category (index 0) and disagreements (index 1). */
    public long agreed(AgreementCategory c) {
        return tallies.get(c)[0];
    }

    public long disagreed(AgreementCategory c) {
        return tallies.get(c)[1];
    }

    /** Agreements over comparisons; 1 when nothing was compared. */
    public double ratio(AgreementCategory c) {
        long[] t = tallies.get(c);
        return t[0] + t[1] == 0 ? 1.0 : (double) t[0] / (t[0] + t[1]);
    }

    public long files() {
        return files;
    }

    /**
     * Resolution disagreements where symtable says "global lookup" and we found no module binding nor
     * builtin (star imports, names injected at run time): agreements if UNRESOLVED counts as global.
     */
    public long unresolvedGlobals() {
        return unresolvedGlobals;
    }

    /** The reads resolved past their class or module body (LOAD_NAME), one line each. */
    public List<String> loadNameReads() {
        return loadNameReads;
    }

    /** Disagreement counts by cause, most frequent first. */
    public Map<String, Long> causes() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        causes.entrySet().stream()
                .sorted((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                        : Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    public List<Disagreement> examples(String cause) {
        return examples.getOrDefault(cause, List.of());
    }

    /** Symbols left out of the comparison, by why (symtable artefacts, postponed annotations). */
    public Map<String, Long> skipped() {
        return skipped;
    }

    public void merge(SymtableAgreement other) {
        files += other.files;
        unresolvedGlobals += other.unresolvedGlobals;
        other.tallies.forEach((c, t) -> {
            tallies.get(c)[0] += t[0];
            tallies.get(c)[1] += t[1];
        });
        other.causes.forEach((k, v) -> causes.merge(k, v, Long::sum));
        other.skipped.forEach((k, v) -> skipped.merge(k, v, Long::sum));
        other.examples.forEach((k, list) -> {
            for (Disagreement d : list) {
                example(k, d);
            }
        });
    }

    /** Compares one file; {@code source} only serves line numbers in the examples. */
    public void compare(String file, byte[] source, ScopeModel model, List<CPythonFacts.Scope> symtable) {
        files++;
        new FileComparison(file, source, model, symtable).run();
    }

    private void count(AgreementCategory c, boolean agree) {
        tallies.get(c)[agree ? 0 : 1]++;
    }

    private void disagree(AgreementCategory c, String cause, Disagreement example) {
        count(c, false);
        causes.merge(cause, 1L, Long::sum);
        example(cause, example);
    }

    private void example(String cause, Disagreement d) {
        List<Disagreement> list = examples.computeIfAbsent(cause, k -> new ArrayList<>());
        if (list.size() < examplesPerCause) {
            list.add(d);
        }
    }

    private void skip(String why) {
        skipped.merge(why, 1L, Long::sum);
    }

    /** The names our model has per scope, and the comparison of one file. */
    private final class FileComparison {
        private final String file;
        private final byte[] source;
        private final ScopeModel model;
        private final List<CPythonFacts.Scope> symtable;
        private final List<Map<String, List<Occurrence>>> occurrences = new ArrayList<>();
        private final List<Map<String, Binding>> bindings = new ArrayList<>();
        private LineIndex lines;

        FileComparison(String file, byte[] source, ScopeModel model, List<CPythonFacts.Scope> symtable) {
            this.file = file;
            this.source = source;
            this.model = model;
            this.symtable = symtable;
            for (int s = 0; s < model.scopes.size(); s++) {
                occurrences.add(new HashMap<>());
                bindings.add(new HashMap<>());
            }
            for (Occurrence o : model.occurrences) {
                occurrences.get(o.scope).computeIfAbsent(o.name, k -> new ArrayList<>()).add(o);
            }
            for (Binding b : model.bindings) {
                bindings.get(b.scope).put(b.name, b);
            }
        }

        void run() {
            ScopePairing pairing = new ScopePairing(model.scopes, symtable);
            for (Scope s : model.scopes) {
                int t = pairing.symtableOf[s.index];
                if (t < 0) {
                    disagree(AgreementCategory.SCOPES, "scope only ours: " + s.kind + " " + genericName(s.kind, s.name),
                            new Disagreement(file, s.toString(), null, "has no such scope", "has it"));
                } else {
                    count(AgreementCategory.SCOPES, true);
                    compareScope(s, symtable.get(t));
                }
            }
            for (int t = 0; t < symtable.size(); t++) {
                if (pairing.oursOf[t] < 0) {
                    CPythonFacts.Scope s = symtable.get(t);
                    disagree(AgreementCategory.SCOPES, "scope only symtable: " + s.type + " " + s.name,
                            new Disagreement(file, s.type + " " + s.name + "@" + s.line, null, "has it",
                                    "has no such scope"));
                }
            }
        }

        private void compareScope(Scope s, CPythonFacts.Scope t) {
            Set<String> theirs = new LinkedHashSet<>();
            for (CPythonFacts.Symbol sym : t.symbols) {
                theirs.add(sym.name);
                if (sym.name.startsWith(".") || SYMTABLE_ONLY.contains(sym.name)) {
                    skip("symtable-only name (" + (sym.name.startsWith(".") ? sym.name : "__class__ and cells") + ")");
                    continue;
                }
                boolean module = s.kind == ScopeKind.MODULE;
                if (sym.flags.stream().noneMatch(f -> EVIDENCE_FLAGS.contains(f) && !(module && f.equals("declared_global")))) {
                    skip(module ? "module entry made by a global declaration elsewhere"
                            : "free variable passed through to a nested scope");
                    continue;
                }
                compareSymbol(s, sym);
            }
            Set<String> ours = new TreeSet<>(occurrences.get(s.index).keySet());
            ours.addAll(bindings.get(s.index).keySet());
            ours.addAll(model.declaredGlobal.get(s.index));
            ours.addAll(model.declaredNonlocal.get(s.index));
            for (String name : ours) {
                if (theirs.contains(name)) {
                    count(AgreementCategory.OUR_SYMBOLS, true);
                } else if (onlyInPostponedAnnotations(s, name)) {
                    skip("annotation name under postponed annotations");
                } else {
                    Binding b = bindings.get(s.index).get(name);
                    disagree(AgreementCategory.OUR_SYMBOLS, "symbol only ours: " + describeOurs(s, name, b),
                            new Disagreement(file, s.toString(), name, "does not list it", where(s, name, b)));
                }
            }
        }

        private boolean onlyInPostponedAnnotations(Scope s, String name) {
            List<Occurrence> occ = occurrences.get(s.index).get(name);
            return model.postponedAnnotations && occ != null && bindings.get(s.index).get(name) == null
                    && occ.stream().allMatch(o -> o.inAnnotation);
        }

        private void compareSymbol(Scope s, CPythonFacts.Symbol sym) {
            Binding b = bindings.get(s.index).get(sym.name);
            List<Occurrence> occ = occurrences.get(s.index).get(sym.name);
            boolean present = b != null || occ != null || model.declaredGlobal.get(s.index).contains(sym.name)
                    || model.declaredNonlocal.get(s.index).contains(sym.name);
            if (!present) {
                disagree(AgreementCategory.SYMTABLE_SYMBOLS, "symbol only symtable: " + sym.flags,
                        new Disagreement(file, s.toString(), sym.name, sym.flags.toString(), "has no such name"));
                return;
            }
            count(AgreementCategory.SYMTABLE_SYMBOLS, true);
            compareBinding(s, sym, b);
            if (occ != null) {
                compareResolution(s, sym, occ);
            }
        }

        private void compareBinding(Scope s, CPythonFacts.Symbol sym, Binding b) {
            boolean theirParameter = sym.flags.contains("parameter");
            boolean theirBound = theirParameter || sym.flags.contains("local");
            boolean ourBound = b != null && b.sites.stream().anyMatch(x -> !x.equals("global") && !x.equals("nonlocal"));
            if (theirBound == ourBound && (!ourBound || theirParameter == b.parameter)) {
                count(AgreementCategory.BINDINGS, true);
                return;
            }
            String theirSays = theirParameter ? "parameter" : theirBound ? "bound" : "not bound";
            String ourSays = !ourBound ? "not bound" : b.parameter ? "parameter" : "bound by " + b.sites;
            disagree(AgreementCategory.BINDINGS, "binding: symtable " + theirSays + ", ours "
                            + (ourBound && !b.parameter ? "bound" : ourSays) + " (" + s.kind + ")",
                    new Disagreement(file, s.toString(), sym.name, sym.flags.toString(), ourSays + where(s, sym.name, b)));
        }

        /**
         * A class or module body's read of a name symtable calls local there, which we resolve past the
         * scope because the read comes before the binding (LOAD_NAME): symtable cannot see the order.
         */
        private boolean readBeforeBinding(Scope s, CPythonFacts.Symbol sym, Occurrence o) {
            return (s.kind == ScopeKind.CLASS || s.kind == ScopeKind.MODULE) && o.access == io.codeanatomy.scope.Access.READ
                    && o.resolution != Resolution.LOCAL && sym.flags.contains("local");
        }

        private void compareResolution(Scope s, CPythonFacts.Symbol sym, List<Occurrence> occ) {
            Set<Resolution> expected = expected(s, sym);
            if (expected == null) {
                skip("symtable scope not one of local/free/global");
                return;
            }
            Set<Resolution> wrong = new TreeSet<>();
            Occurrence first = null;
            for (Occurrence o : occ) {
                if (readBeforeBinding(s, sym, o)) {
                    loadNameReads.add(file + ": " + s + " " + o);
                    continue;
                }
                if (!expected.contains(o.resolution)) {
                    wrong.add(o.resolution);
                    if (first == null) {
                        first = o;
                    }
                }
            }
            if (first == null) {
                count(AgreementCategory.RESOLUTION, true);
                return;
            }
            String context = s.kind.toString();
            if (wrong.equals(Set.of(Resolution.UNRESOLVED)) && expected.contains(Resolution.GLOBAL)) {
                unresolvedGlobals++;
                context += model.starImport ? ", file has a star import" : ", no star import";
            }
            disagree(AgreementCategory.RESOLUTION, "resolution: symtable " + new TreeSet<>(expected) + ", ours " + wrong + " (" + context + ")",
                    new Disagreement(file, s.toString(), sym.name, sym.flags.toString(),
                            wrong + " " + first.access + " at line " + line(first.bstart)));
        }

        /** The resolutions compatible with symtable's verdict on a symbol, or null when it has none we map. */
        private Set<Resolution> expected(Scope s, CPythonFacts.Symbol sym) {
            List<String> f = sym.flags;
            if (s.kind == ScopeKind.MODULE) {
                return f.contains("local") ? Set.of(Resolution.LOCAL) : Set.of(Resolution.GLOBAL, Resolution.BUILTIN);
            }
            // local first: symtable.py takes any scope named 'top' for the module and calls its bound names global too
            if (f.contains("local") || f.contains("parameter")) {
                return Set.of(Resolution.LOCAL);
            }
            if (f.contains("free")) {
                return Set.of(Resolution.ENCLOSING);
            }
            if (f.contains("global") || f.contains("declared_global")) {
                return Set.of(Resolution.GLOBAL, Resolution.BUILTIN);
            }
            return null;
        }

        private String describeOurs(Scope s, String name, Binding b) {
            if (b != null) {
                return "binding " + b.sites + " (" + s.kind + ")";
            }
            List<Occurrence> occ = occurrences.get(s.index).get(name);
            if (occ == null) {
                return "declaration only (" + s.kind + ")";
            }
            Set<String> what = new TreeSet<>();
            for (Occurrence o : occ) {
                what.add(o.access + "/" + o.resolution + (o.inAnnotation ? "/annotation" : ""));
            }
            return what + " (" + s.kind + ")";
        }

        private String where(Scope s, String name, Binding b) {
            List<Occurrence> occ = occurrences.get(s.index).get(name);
            if (occ != null) {
                return " at line " + line(occ.get(0).bstart);
            }
            return b != null ? " at line " + line(b.bstart) : "";
        }

        private int line(int offset) {
            if (lines == null) {
                lines = LineIndex.of(source);
            }
            return lines.lineOf(Math.min(offset, source.length));
        }
    }

    private static String genericName(ScopeKind kind, String name) {
        return kind == ScopeKind.FUNCTION || kind == ScopeKind.CLASS ? "<named>" : name;
    }

    /** Per-category figures, then the {@code topCauses} most frequent causes with their examples. */
    public String report(int topCauses) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "files=%d%n", files));
        for (AgreementCategory c : AgreementCategory.values()) {
            long[] t = tallies.get(c);
            out.append(String.format(Locale.ROOT, "agreement.%s=%.4f agreed=%d disagreed=%d%n",
                    c.name().toLowerCase(Locale.ROOT), ratio(c), t[0], t[1]));
        }
        long[] r = tallies.get(AgreementCategory.RESOLUTION);
        out.append(String.format(Locale.ROOT, "agreement.resolution_counting_unresolved_as_global=%.4f unresolved_globals=%d%n",
                r[0] + r[1] == 0 ? 1.0 : (double) (r[0] + unresolvedGlobals) / (r[0] + r[1]), unresolvedGlobals));
        skipped.forEach((k, v) -> out.append(String.format(Locale.ROOT, "skipped %d: %s%n", v, k)));
        out.append(String.format(Locale.ROOT, "load_name_reads=%d (resolved past their class or module body;"
                + " symtable cannot see order)%n", loadNameReads.size()));
        loadNameReads.stream().limit(5).forEach(read -> out.append("    ").append(read).append(System.lineSeparator()));
        int shown = 0;
        for (Map.Entry<String, Long> e : causes().entrySet()) {
            if (shown++ == topCauses) {
                break;
            }
            out.append(String.format(Locale.ROOT, "cause %d: %s%n", e.getValue(), e.getKey()));
            for (Disagreement d : examples(e.getKey())) {
                out.append("    ").append(d).append(System.lineSeparator());
            }
        }
        return out.toString();
    }
}
