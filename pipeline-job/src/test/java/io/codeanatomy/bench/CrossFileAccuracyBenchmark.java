package io.codeanatomy.bench;

import io.codeanatomy.delta.schema.TableRow;
import io.codeanatomy.job.WarehouseRows;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.span.LineIndex;
import io.codeanatomy.span.PositionEncoding;
import io.codeanatomy.span.TextPosition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Cross-file resolution against scip-python, at the occurrence level. The oracle's cross-file
 * references are its reference occurrences whose symbol has its definition in another document of the
 * same index (module references and {@code local} symbols left out). Ours are the names whose meaning
 * the linker decided: every NAME that refers to an import-bound VARIABLE or a star-import EXTERNAL with
 * a RESOLVES_TO row in {@code xrefs} (and the imported name in the import statement itself), and the
 * name of every ATTRIBUTE and every keyword argument's NAME with a REFERS_TO row, with that row's
 * target symbol. Both sides are matched on the start byte (scip's
 * UTF-16 positions decoded with {@link LineIndex}) and compared by symbol, scip's
 * {@code scip-python python NAME VERSION} prefix stripped.
 *
 * <ul>
 *   <li>recall: of the oracle's cross-file references, the share where we name the same symbol;</li>
 *   <li>precision: of our linker-decided occurrences where the oracle names a global symbol, the share
 *       that agrees.</li>
 * </ul>
 * Misses are counted by category (what our rows say the token is: an import statement, a use of an
 * import-bound name, a star-imported name, an attribute of a module, of {@code self}/{@code cls}, of
 * something else, a keyword argument, other), with examples.
 *
 * <p>Usage: {@code java -cp TEST_CLASS_PATH io.codeanatomy.bench.CrossFileAccuracyBenchmark CORPUS_DIR WAREHOUSE INDEX.scip}
 */
public final class CrossFileAccuracyBenchmark {
    private CrossFileAccuracyBenchmark() {
    }

    private record Place(String path, long bstart) implements Comparable<Place> {
        @Override
        public int compareTo(Place o) {
            int c = path.compareTo(o.path);
            return c != 0 ? c : Long.compare(bstart, o.bstart);
        }

        @Override
        public String toString() {
            return path + "@" + bstart;
        }
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        Path warehouse = Path.of(args[1]);
        Path scip = Path.of(args[2]);

        // The oracle: global symbols by place, and which of them are cross-file references.
        Map<Place, String> oracleAll = new HashMap<>();
        Map<Place, String> oracleCross = new TreeMap<>();
        List<ScipIndex.Document> docs = ScipIndex.read(scip);
        Map<String, Set<String>> definedIn = new HashMap<>();
        for (ScipIndex.Document d : docs) {
            for (ScipIndex.Occurrence o : d.occurrences()) {
                if (o.definition()) {
                    definedIn.computeIfAbsent(descriptor(o.symbol()), k -> new HashSet<>()).add(d.path());
                }
            }
        }
        int moduleRefs = 0;
        int quirks = 0;
        for (ScipIndex.Document d : docs) {
            Path file = corpus.resolve(d.path());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            LineIndex lines = LineIndex.of(Files.readAllBytes(file));
            for (ScipIndex.Occurrence o : d.occurrences()) {
                if (o.symbol().startsWith("local ") || o.symbol().isEmpty()) {
                    continue;
                }
                String symbol = descriptor(o.symbol());
                Place at = new Place(d.path(), lines.toOffset(new TextPosition(o.line(), o.character()), PositionEncoding.SCIP));
                if (o.definition()) {
                    continue;
                }
                if (nestedTerm(symbol)) {
                    quirks++;
                    continue;
                }
                oracleAll.put(at, symbol);
                Set<String> defs = definedIn.get(symbol);
                if (symbol.endsWith("__init__:")) {
                    moduleRefs++;
                } else if (defs != null && !(defs.size() == 1 && defs.contains(d.path()))) {
                    oracleCross.put(at, symbol);
                }
            }
        }

        // Ours.
        WarehouseRows rows = WarehouseRows.read(warehouse);
        Map<String, TableRow> nodes = new HashMap<>();
        Map<Place, TableRow> nameAt = new HashMap<>();
        Map<String, TreeMap<Long, TableRow>> imports = new HashMap<>();
        Map<Place, TableRow> attributes = new HashMap<>(); // by (path, end)
        for (TableRow n : rows.rows(CpgSchema.NODES)) {
            nodes.put(n.string("node_id"), n);
            switch (n.string("kind")) {
                case "NAME" -> nameAt.put(new Place(n.string("path"), n.longValue("bstart")), n);
                case "IMPORT" -> imports.computeIfAbsent(n.string("path"), k -> new TreeMap<>()).put(n.longValue("bstart"), n);
                case "ATTRIBUTE" -> attributes.put(new Place(n.string("path"), n.longValue("bend")), n);
                default -> {
                }
            }
        }
        Map<Place, TableRow> nameEndingAt = new HashMap<>();
        for (TableRow n : nameAt.values()) {
            nameEndingAt.put(new Place(n.string("path"), n.longValue("bend")), n);
        }
        Map<String, Set<String>> resolvedTo = new HashMap<>(); // VARIABLE or EXTERNAL id -> target symbols
        Map<Place, Set<String>> attributeTargets = new HashMap<>(); // the attribute's name -> target symbols
        for (TableRow x : rows.rows(CpgSchema.XREFS)) {
            if (x.string("kind").equals("REFERS_TO")) {
                TableRow src = nodes.get(x.string("src_id"));
                TableRow name = src == null ? null : src.string("kind").equals("NAME") ? src
                        : nameEndingAt.get(new Place(src.string("path"), src.longValue("bend")));
                if (name != null) {
                    attributeTargets.computeIfAbsent(new Place(name.string("path"), name.longValue("bstart")), k -> new TreeSet<>())
                            .add(x.string("target"));
                }
            }
            if (x.string("kind").equals("RESOLVES_TO")) {
                resolvedTo.computeIfAbsent(x.string("src_id"), k -> new TreeSet<>()).add(x.string("target"));
            }
        }
        Map<String, String> refersTo = new HashMap<>(); // NAME id -> VARIABLE/EXTERNAL id
        for (TableRow e : rows.rows(CpgSchema.EDGES)) {
            if (e.string("kind").equals("REFERS_TO")) {
                refersTo.put(e.string("src_id"), e.string("dst_id"));
            }
        }
        Map<Place, Set<String>> ours = new TreeMap<>(); // several: alternatives with split confidence
        for (Map.Entry<String, String> r : refersTo.entrySet()) {
            Set<String> target = resolvedTo.get(r.getValue());
            TableRow name = nodes.get(r.getKey());
            if (target != null && name != null) {
                Place at = new Place(name.string("path"), name.longValue("bstart"));
                ours.put(importStart(imports, at), target);
                ours.put(at, target);
            }
        }

        ours.putAll(attributeTargets);

        // Compare.
        Map<String, int[]> byCategory = new TreeMap<>(); // category -> {oracle, matched}
        Map<String, List<String>> examples = new TreeMap<>();
        int matched = 0;
        int amongAlternatives = 0;
        // Known oracle errors (shared/research/scip.md), tallied apart and compared on neither side.
        Map<String, Integer> oracleErrors = new TreeMap<>();
        Set<Place> wrong = new HashSet<>();
        // The standard library's oracle reads typeshed's stubs, which often leave out an override the
        // source has (codecs.BufferedIncrementalDecoder.setstate): its answer is then the base's member.
        boolean oracleReadsStubs = Boolean.getBoolean("oracle.readsStubs");
        Map<String, Set<String>> bases = oracleReadsStubs ? bases(rows) : Map.of();
        for (Map.Entry<Place, String> o : oracleAll.entrySet()) {
            String why = oracleError(o.getKey(), o.getValue(), nameAt, attributes, imports, nodes, definedIn);
            if (why == null && oracleReadsStubs && overrideLeftOutOfAStub(o.getValue(), ours.get(o.getKey()), bases, definedIn)) {
                why = "a base's member where the source overrides it (stubs)";
            }
            Set<String> answer = ours.get(o.getKey());
            if (why == null && oracleReadsStubs && !definedInProject(o.getValue(), definedIn) && answer != null
                    && answer.size() == 1 && inRepository(answer.iterator().next())) {
                // warnings.warn: the stub re-exports _warnings.warn, a C module no file of the source is
                why = "a module the source does not have (stubs: _warnings)";
            }
            if (why != null) {
                wrong.add(o.getKey());
                String mine = first(ours.get(o.getKey()));
                if (oracleCross.containsKey(o.getKey())
                        || mine != null && inRepository(mine) && !o.getValue().endsWith("__init__:")) { // what the comparisons would count
                    oracleErrors.merge(why, 1, Integer::sum);
                    if (Boolean.getBoolean("showOracleErrors")) {
                        System.out.println("oracle error (" + why + "): " + o.getKey() + " " + o.getValue() + " ours=" + ours.get(o.getKey()));
                    }
                }
            }
        }
        oracleCross.keySet().removeAll(wrong);
        oracleAll.keySet().removeAll(wrong);
        for (Map.Entry<Place, String> o : oracleCross.entrySet()) {
            String category = category(o.getKey(), nameAt, imports, attributes, refersTo, nodes, resolvedTo);
            int[] c = byCategory.computeIfAbsent(category, k -> new int[2]);
            c[0]++;
            Set<String> mine = ours.getOrDefault(o.getKey(), Set.of());
            if (mine.size() == 1 && agrees(o.getValue(), mine.iterator().next(), oracleReadsStubs)) {
                matched++;
                c[1]++;
            } else {
                if (mine.contains(o.getValue())) {
                    amongAlternatives++;
                }
                List<String> ex = examples.computeIfAbsent(category, k -> new ArrayList<>());
                if (ex.size() < Integer.getInteger("examples", 5)) {
                    ex.add(o.getKey() + " scip=" + o.getValue() + " ours=" + ours.get(o.getKey()));
                }
            }
        }
        int judged = 0;
        int agree = 0;
        List<String> disagreements = new ArrayList<>();
        Map<String, Integer> disagreementsBy = new TreeMap<>();
        int judgedAlternatives = 0;
        int agreeAmongAlternatives = 0;
        for (Map.Entry<Place, Set<String>> e : ours.entrySet()) {
            String theirs = oracleAll.get(e.getKey());
            String mine = first(e.getValue());
            if (theirs == null || !definedInProject(theirs, definedIn) && !inRepository(mine)) {
                continue;
            }
            if (!inRepository(mine) || theirs.endsWith("__init__:")) {
                continue; // our EXTERNAL/UNRESOLVED answers and scip's module meta symbols are not compared
            }
            if (e.getValue().size() > 1) {
                // Alternatives (split confidence) are judged apart: none of them is presented as the answer.
                judgedAlternatives++;
                if (e.getValue().contains(theirs)) {
                    agreeAmongAlternatives++;
                }
                continue;
            }
            judged++;
            if (agrees(theirs, mine, oracleReadsStubs)) {
                agree++;
            } else {
                String category = category(e.getKey(), nameAt, imports, attributes, refersTo, nodes, resolvedTo);
                disagreementsBy.merge(category, 1, Integer::sum);
                if (disagreements.size() < Integer.getInteger("disagreements", 25)) {
                    disagreements.add(category + ": " + e.getKey() + " scip=" + theirs + " ours=" + e.getValue());
                }
            }
        }
        System.out.printf("scip_documents=%d%n", docs.size());
        System.out.printf("oracle_cross_file_references=%d%n", oracleCross.size());
        System.out.printf("oracle_module_references_left_out=%d%n", moduleRefs);
        System.out.printf("oracle_nested_term_quirks_left_out=%d%n", quirks);
        System.out.printf("oracle_errors_left_out=%s%n", oracleErrors);
        System.out.printf("recall=%.4f (%d/%d)%n", ratio(matched, oracleCross.size()), matched, oracleCross.size());
        System.out.printf("recall_counting_alternatives=%.4f (%d more where the oracle's answer is one of our alternatives)%n",
                ratio(matched + amongAlternatives, oracleCross.size()), amongAlternatives);
        System.out.printf("our_linked_occurrences=%d judged=%d%n", ours.size(), judged);
        System.out.printf("precision=%.4f (%d/%d)%n", ratio(agree, judged), agree, judged);
        System.out.printf("alternatives_judged=%d holding_the_oracle_answer=%d%n", judgedAlternatives, agreeAmongAlternatives);
        System.out.println();
        System.out.println("category\toracle\tmatched\trecall");
        byCategory.forEach((k, c) -> System.out.printf("%s\t%d\t%d\t%.4f%n", k, c[0], c[1], ratio(c[1], c[0])));
        System.out.println();
        examples.forEach((k, ex) -> {
            System.out.println("missed, " + k + ":");
            ex.forEach(x -> System.out.println("  " + x));
        });
        System.out.println("disagreements by category: " + disagreementsBy);
        System.out.println("disagreements:");
        disagreements.forEach(x -> System.out.println("  " + x));
    }

    /**
     * A term inside a term ({@code `m`/UNSET.UNSET.}): no Python definition is named so; scip-python
     * writes it for module variables annotated with a {@code Literal} of an enum member.
     */
    static boolean nestedTerm(String symbol) {
        if (!symbol.endsWith(".") || symbol.endsWith("().")) {
            return false;
        }
        String rest = symbol.substring(0, symbol.length() - 1);
        int cut = Math.max(rest.lastIndexOf('.'), Math.max(rest.lastIndexOf('/'), rest.lastIndexOf('#')));
        return cut > 0 && rest.charAt(cut) == '.' && !rest.substring(0, cut + 1).endsWith("().")
                && !rest.substring(0, cut).endsWith("`");
    }

    /**
     * Why the oracle's answer at {@code at} is known to be wrong, or null: a builtin named for the
     * attribute of an object ({@code self.type} as {@code builtins/type#}) or for a keyword argument
     * ({@code f(type=...)}), or a class named for an attribute of another name ({@code self.x} of a
     * {@code __slots__} class named as the class).
     */
    private static String oracleError(Place at, String symbol, Map<Place, TableRow> nameAt, Map<Place, TableRow> attributes,
                                      Map<String, TreeMap<Long, TableRow>> imports, Map<String, TableRow> nodes,
                                      Map<String, Set<String>> definedIn) {
        TableRow name = nameAt.get(at);
        if (name == null || importHolding(imports, at) != null) {
            return null;
        }
        TableRow attribute = attributes.get(new Place(at.path, name.longValue("bend")));
        boolean ofAnObject = attribute != null && attribute.longValue("bstart") < at.bstart;
        if (ofAnObject && symbol.startsWith("builtins/")) {
            return "builtin for an attribute";
        }
        TableRow parent = name.isNull("parent_id") ? null : nodes.get(name.string("parent_id"));
        if (symbol.startsWith("builtins/") && parent != null && "keyword_argument".equals(parent.string("name"))) {
            return "builtin for a keyword argument";
        }
        String last = lastName(symbol);
        if (ofAnObject && symbol.endsWith("#") && last != null && !last.equals(name.string("name"))) {
            return "a class for an attribute (__slots__)";
        }
        if (ofAnObject && symbol.endsWith("().") && last != null && !last.equals(name.string("name"))
                && definesFunction(symbol.substring(0, symbol.length() - last.length() - 3), name.string("name"), definedIn, imports)) {
            // os.path.join, os.path.isfile, ...: scip-python 0.6.6 names posixpath/splitext() for every
            // function of os.path, though posixpath defines join (and star-imports isfile from genericpath)
            return "a sibling function for an attribute (os.path)";
        }
        return null;
    }

    /** Whether the module {@code owner} ({@code posixpath/}) defines a function {@code name}, or one of its star imports' modules does. */
    private static boolean definesFunction(String owner, String name, Map<String, Set<String>> definedIn,
                                           Map<String, TreeMap<Long, TableRow>> imports) {
        if (definedIn.containsKey(owner + name + "().")) {
            return true;
        }
        for (String file : definedIn.getOrDefault(owner + "__init__:", Set.of())) { // scip's module symbol
            for (TableRow i : imports.getOrDefault(file, new TreeMap<>()).values()) {
                String imported = i.string("name");
                if (imported.endsWith(".*") && !imported.startsWith(".")
                        && definedIn.containsKey(imported.substring(0, imported.length() - 2) + "/" + name + "().")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The name of a symbol's last descriptor ({@code C#m().} is m, {@code f().(a)} is a), or null. */
    static String lastName(String symbol) {
        String s = symbol;
        if (s.endsWith(")") && s.lastIndexOf('(') >= 0) {
            return s.substring(s.lastIndexOf('(') + 1, s.length() - 1);
        }
        if (s.endsWith("().")) {
            s = s.substring(0, s.length() - 3);
        } else if (s.endsWith(".") || s.endsWith("#") || s.endsWith("/") || s.endsWith(":")) {
            s = s.substring(0, s.length() - 1);
        } else {
            return null;
        }
        int cut = Math.max(s.lastIndexOf('/'), Math.max(s.lastIndexOf('#'), s.lastIndexOf('.')));
        String name = s.substring(cut + 1);
        return name.startsWith("`") || name.isEmpty() ? null : name;
    }

    private static boolean definedInProject(String symbol, Map<String, Set<String>> definedIn) {
        return definedIn.containsKey(symbol);
    }

    /** scip's symbol without its {@code scip-python python NAME VERSION } prefix. */
    static String descriptor(String symbol) {
        int at = 0;
        for (int spaces = 0; spaces < 4 && at >= 0; spaces++) {
            at = symbol.indexOf(' ', at + (spaces == 0 ? 0 : 1));
        }
        return at < 0 ? symbol : symbol.substring(at + 1);
    }

    /** An alias {@code y as z} binds at {@code z}; scip names the import at {@code y}: the import item's start. */
    private static Place importStart(Map<String, TreeMap<Long, TableRow>> imports, Place at) {
        TableRow i = importHolding(imports, at);
        return i == null ? at : new Place(at.path, i.longValue("bstart"));
    }

    private static TableRow importHolding(Map<String, TreeMap<Long, TableRow>> imports, Place at) {
        TreeMap<Long, TableRow> inFile = imports.get(at.path);
        Map.Entry<Long, TableRow> i = inFile == null ? null : inFile.floorEntry(at.bstart);
        return i != null && at.bstart < i.getValue().longValue("bend") ? i.getValue() : null;
    }

    private static String category(Place at, Map<Place, TableRow> nameAt, Map<String, TreeMap<Long, TableRow>> imports,
                                   Map<Place, TableRow> attributes, Map<String, String> refersTo, Map<String, TableRow> nodes,
                                   Map<String, Set<String>> resolvedTo) {
        if (importHolding(imports, at) != null) {
            return "import statement";
        }
        TableRow name = nameAt.get(at);
        if (name == null) {
            return "no NAME at the position";
        }
        TableRow a = attributes.get(new Place(at.path, name.longValue("bend")));
        if (a != null && a.longValue("bstart") < at.bstart) {
            return "attribute" + objectKind(a, nameAt, refersTo, nodes, resolvedTo);
        }
        String target = refersTo.get(name.string("node_id"));
        TableRow t = target == null ? null : nodes.get(target);
        if (t != null && resolvedTo.containsKey(target)) {
            return t.string("kind").equals("EXTERNAL") ? "star-imported name" : "use of an import-bound name";
        }
        TableRow parent = name.isNull("parent_id") ? null : nodes.get(name.string("parent_id"));
        if (parent != null && "keyword_argument".equals(parent.string("name"))) {
            return "keyword argument";
        }
        if (t != null) {
            return "name bound in the file (" + t.string("kind") + ")";
        }
        return "other name";
    }

    /** What the object of an attribute is: {@code self}/{@code cls}, an import-bound name, or something else. */
    private static String objectKind(TableRow attribute, Map<Place, TableRow> nameAt, Map<String, String> refersTo,
                                     Map<String, TableRow> nodes, Map<String, Set<String>> resolvedTo) {
        TableRow first = nameAt.get(new Place(attribute.string("path"), attribute.longValue("bstart")));
        if (first == null) {
            return " of an expression";
        }
        String n = first.string("name");
        if (n.equals("self") || n.equals("cls")) {
            return " of self/cls";
        }
        if (n.equals("super")) {
            return " of super()";
        }
        String target = refersTo.get(first.string("node_id"));
        if (target != null && resolvedTo.containsKey(target)) {
            return " of an import-bound name";
        }
        return " of another name";
    }

    /**
     * Whether our answer is the oracle's: the same symbol, or, where the oracle reads stubs, the same
     * name of another kind (types.GenericAlias: a class in the stub, a variable in types.py).
     */
    private static boolean agrees(String theirs, String mine, boolean oracleReadsStubs) {
        return theirs.equals(mine) || oracleReadsStubs && withoutKind(theirs).equals(withoutKind(mine));
    }

    private static String withoutKind(String symbol) {
        for (String suffix : List.of("().", "#", ".")) {
            if (symbol.endsWith(suffix)) {
                return symbol.substring(0, symbol.length() - suffix.length());
            }
        }
        return symbol;
    }

    /** Each class symbol's direct bases, from our INHERITS edges (CLASS node to base symbol). */
    private static Map<String, Set<String>> bases(WarehouseRows rows) {
        Map<String, String> classOf = new HashMap<>();
        for (TableRow s : rows.rows(CpgSchema.SYMBOLS)) {
            if (s.string("kind").equals("CLASS")) {
                classOf.put(s.string("def_node_id"), s.string("symbol"));
            }
        }
        Map<String, Set<String>> out = new HashMap<>();
        for (TableRow x : rows.rows(CpgSchema.XREFS)) {
            String cls = x.string("kind").equals("INHERITS") ? classOf.get(x.string("src_id")) : null;
            if (cls != null) {
                out.computeIfAbsent(cls, k -> new HashSet<>()).add(x.string("target"));
            }
        }
        return out;
    }

    /**
     * The oracle names a member of a class and we name the member of the same name in one of its
     * subclasses, as the source defines it: an override a stub does not declare, or an attribute the
     * stub annotates in the base (logging.StreamHandler.stream), which Pyright then prefers to the
     * subclass's unannotated assignment.
     */
    private static boolean overrideLeftOutOfAStub(String theirs, Set<String> ours, Map<String, Set<String>> bases,
                                                  Map<String, Set<String>> definedIn) {
        String mine = ours == null || ours.size() != 1 ? null : ours.iterator().next();
        if (mine == null || mine.equals(theirs) || !inRepository(mine)) {
            return false;
        }
        String name = lastName(theirs);
        int hisClass = theirs.lastIndexOf('#', theirs.length() - 2);
        int myClass = mine.lastIndexOf('#', mine.length() - 2);
        if (name == null || !name.equals(lastName(mine)) || hisClass < 0 || myClass < 0
                || !theirs.substring(hisClass + 1).equals(mine.substring(myClass + 1))) {
            return false;
        }
        return inherits(mine.substring(0, myClass + 1), theirs.substring(0, hisClass + 1), bases, new HashSet<>());
    }

    private static boolean inherits(String cls, String ancestor, Map<String, Set<String>> bases, Set<String> seen) {
        for (String base : bases.getOrDefault(cls, Set.of())) {
            if (base.equals(ancestor) || seen.add(base) && inherits(base, ancestor, bases, seen)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether one of our targets is a symbol of the repository ({@code `pkg.mod`/f().}, {@code codecs/Codec#}),
     * not an outside or unresolved dotted name ({@code sys.stderr.write}): only symbols have a descriptor {@code /}.
     */
    private static boolean inRepository(String target) {
        return target.contains("/");
    }

    private static String first(Set<String> symbols) {
        return symbols == null || symbols.isEmpty() ? null : symbols.iterator().next();
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
