package io.codeanatomy.resolve.python;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The text form of a {@link ModuleSummary}, stored in {@code files.link_summary} (so a new run's
 * linker starts from the warehouse) and kept in the linker's state. One record a line, fields
 * tab-separated, {@code \}, tab and newline escaped; the first line names the format version:
 *
 * <pre>
 * link-summary 1
 * i  node  spec  member|-  bound|-  variable|-  m|l  a|-     an import (module level or local; aliased)
 * b  name  [branch|]I3|[branch|]S&lt;kind&gt;:&lt;symbol&gt; ...        a module-level name's bindings in order
 * s  name  node                                          a star-import reference
 * a  effect                                              an __all__ effect, in order
 * r  node  A|C  root  step ...                           an attribute chain (A) or a call (C)
 * c  symbol  node  root|step.step ...                    a class and its bases
 * x  class-symbol  root|step.step                        the metaclass= of the class before
 * m  class-symbol  name  kind  symbol  node  declaration  a member of a class (typed, assigned, inferred)
 * k  name-node  name                                     a keyword argument of the call before
 * p  symbol                                              a parameter of a function of the file
 * t  symbol  root                                        a symbol's type (an i: or r: root)
 * </pre>
 */
public final class ModuleSummaryCodec {
    static final String HEADER = "link-summary 1";
    private static final String NONE = "-";

    private ModuleSummaryCodec() {
    }

    public static String encode(ModuleSummary summary) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (ImportItem i : summary.imports()) {
            line(out, "i", i.nodeId(), i.module().toString(), orNone(i.member()),
                    orNone(i.boundName()), orNone(i.boundVariable()), i.moduleLevel() ? "m" : "l", i.aliased() ? "a" : NONE);
        }
        summary.bindings().forEach((name, events) -> {
            List<String> fields = new ArrayList<>();
            fields.add("b");
            fields.add(name);
            for (ModuleSummary.Binding b : events) {
                // A branch (if@120:0, lower case) never holds '|': it goes before the binding.
                fields.add((b.branch().isEmpty() ? "" : b.branch() + "|")
                        + (b.isImport() ? "I" + b.importIndex() : "S" + b.kind() + ":" + b.symbol()));
            }
            line(out, fields.toArray(String[]::new));
        });
        summary.starReferences().forEach((name, node) -> line(out, "s", name, node));
        for (String effect : summary.allEffects()) {
            line(out, "a", effect);
        }
        for (ModuleSummary.Reference r : summary.references()) {
            List<String> fields = new ArrayList<>(List.of("r", r.nodeId(), r.call() ? "C" : "A", r.root().text()));
            fields.addAll(r.steps());
            line(out, fields.toArray(String[]::new));
            for (ModuleSummary.Keyword k : r.keywords()) {
                line(out, "k", k.nameNodeId(), k.name());
            }
        }
        for (ModuleSummary.ClassInfo c : summary.classes()) {
            List<String> fields = new ArrayList<>(List.of("c", c.symbol(), c.nodeId()));
            for (ModuleSummary.Base b : c.bases()) {
                fields.add(base(b));
            }
            line(out, fields.toArray(String[]::new));
            if (c.metaclass() != null) {
                line(out, "x", c.symbol(), base(c.metaclass()));
            }
            for (ModuleSummary.Member m : c.members()) {
                line(out, "m", c.symbol(), m.name(), m.kind(), m.symbol(), m.defNodeId(), m.declaration());
            }
        }
        for (String p : summary.parameters()) {
            line(out, "p", p);
        }
        summary.types().forEach((symbol, root) -> line(out, "t", symbol, root));
        return out.toString();
    }

    // The loops inside decode's loop are methods of their own, so that C2 does not compile decode whole
    // once per loop (on-stack replacement).

    /** A line's tab-separated fields, unescaped. */
    private static String[] fields(String line) {
        String[] f = line.split("\t", -1);
        for (int j = 0; j < f.length; j++) {
            f[j] = unescape(f[j]);
        }
        return f;
    }

    /** A {@code b} line's binding events after its name, each possibly in a branch ({@code branch|event}). */
    private static List<ModuleSummary.Binding> bindingEvents(String[] f) {
        List<ModuleSummary.Binding> events = new ArrayList<>();
        for (int j = 2; j < f.length; j++) {
            boolean branched = Character.isLowerCase(f[j].charAt(0));
            int bar = branched ? f[j].indexOf('|') : -1;
            String event = f[j].substring(bar + 1);
            ModuleSummary.Binding b;
            if (event.startsWith("I")) {
                b = ModuleSummary.Binding.ofImport(Integer.parseInt(event.substring(1)));
            } else {
                int colon = event.indexOf(':');
                b = ModuleSummary.Binding.ofDefinition(event.substring(colon + 1), event.substring(1, colon));
            }
            events.add(branched ? b.in(f[j].substring(0, bar)) : b);
        }
        return events;
    }

    /** A {@code c} line's bases, after the class's symbol and node. */
    private static List<ModuleSummary.Base> bases(String[] f) {
        List<ModuleSummary.Base> bases = new ArrayList<>();
        for (int j = 3; j < f.length; j++) {
            bases.add(base(f[j]));
        }
        return bases;
    }

    /** The summary in {@code text}; an unknown version or a malformed line is an error naming it. */
    public static ModuleSummary decode(String text) {
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("not a link summary of format 1: " + lines[0]);
        }
        List<ImportItem> imports = new ArrayList<>();
        TreeMap<String, List<ModuleSummary.Binding>> bindings = new TreeMap<>();
        TreeMap<String, String> stars = new TreeMap<>();
        List<String> effects = new ArrayList<>();
        List<ModuleSummary.Reference> references = new ArrayList<>();
        List<ModuleSummary.ClassInfo> classes = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        TreeMap<String, String> types = new TreeMap<>();
        for (int k = 1; k < lines.length; k++) {
            if (lines[k].isEmpty()) {
                continue;
            }
            String[] f = fields(lines[k]);
            switch (f[0]) {
                case "i" -> imports.add(new ImportItem(f[1], ImportSpec.parse(f[2]), none(f[3]), none(f[4]), none(f[5]),
                        f[6].equals("m"), f[7].equals("a")));
                case "b" -> bindings.put(f[1], bindingEvents(f));
                case "s" -> stars.put(f[1], f[2]);
                case "a" -> effects.add(f[1]);
                case "r" -> references.add(new ModuleSummary.Reference(f[1], f[2].equals("C"), new ModuleSummary.Root(f[3]),
                        List.of(f).subList(4, f.length), new ArrayList<>()));
                case "k" -> {
                    if (references.isEmpty()) {
                        throw new IllegalArgumentException("link summary line " + (k + 1) + ": a keyword outside a call");
                    }
                    references.get(references.size() - 1).keywords().add(new ModuleSummary.Keyword(f[1], f[2]));
                }
                case "p" -> parameters.add(f[1]);
                case "t" -> types.put(f[1], f[2]);
                case "c" -> classes.add(new ModuleSummary.ClassInfo(f[1], f[2], bases(f), new ArrayList<>(), null));
                case "x" -> {
                    ModuleSummary.ClassInfo owner = classes.isEmpty() ? null : classes.get(classes.size() - 1);
                    if (owner == null || !owner.symbol().equals(f[1])) {
                        throw new IllegalArgumentException("link summary line " + (k + 1) + ": a metaclass outside its class");
                    }
                    classes.set(classes.size() - 1, new ModuleSummary.ClassInfo(owner.symbol(), owner.nodeId(), owner.bases(),
                            owner.members(), base(f[2])));
                }
                case "m" -> {
                    ModuleSummary.ClassInfo owner = classes.isEmpty() ? null : classes.get(classes.size() - 1);
                    if (owner == null || !owner.symbol().equals(f[1])) {
                        throw new IllegalArgumentException("link summary line " + (k + 1) + ": a member outside its class");
                    }
                    owner.members().add(new ModuleSummary.Member(f[2], f[4], f[3], f[5], f[6]));
                }
                default -> throw new IllegalArgumentException("link summary line " + (k + 1) + ": unknown record " + f[0]);
            }
        }
        return new ModuleSummary(imports, bindings, stars, effects, references, classes, parameters, types);
    }

    private static String base(ModuleSummary.Base b) {
        return b.root().text() + "|" + String.join(".", b.steps());
    }

    private static ModuleSummary.Base base(String field) {
        int bar = field.lastIndexOf('|');
        String steps = field.substring(bar + 1);
        return new ModuleSummary.Base(new ModuleSummary.Root(field.substring(0, bar)),
                steps.isEmpty() ? List.of() : List.of(steps.split("\\.")));
    }

    private static void line(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            out.append(escape(fields[i]));
        }
        out.append('\n');
    }

    private static String orNone(String s) {
        return s == null ? NONE : s; // never a name, a node id or a spec
    }

    private static String none(String s) {
        return s.equals(NONE) ? null : s;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
