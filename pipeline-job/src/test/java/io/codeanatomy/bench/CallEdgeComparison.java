package io.codeanatomy.bench;

import io.codeanatomy.cpg.python.PythonSymbols;
import io.codeanatomy.delta.schema.TableRow;
import io.codeanatomy.job.WarehouseRows;
import io.codeanatomy.schema.CpgSchema;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Call edges per call site, ours ({@code xrefs} CALLS rows) against Joern's call graph (CALL edges of
 * a CPG after its default overlays and Python call linkers, printed by {@code bench/joern/JoernCallEdges.java}).
 * A call site is a (file, line, called name) bucket: Joern names a call by its last name ({@code a.b()}
 * is {@code b}), our CALL node by its dotted callee text, and both give the line where the call starts.
 * Only edges to definitions in the corpus count (Joern's external stubs and our EXTERNAL/UNRESOLVED
 * targets are left out); targets of both are compared as dotted qualified names
 * ({@code flask/app.py:<module>.Flask.run} and {@code `flask.app`/Flask#run().} are both
 * {@code flask.app.Flask.run}).
 *
 * <p>Printed: call sites, sites each side links, edges per linked site and the share with more than
 * one target (Joern links a method call by its name to every method so named when it cannot type the
 * receiver), and, on the sites both link, how often the target sets are equal, overlap or differ,
 * with examples.
 *
 * <p>Usage: {@code java -cp TEST_CLASS_PATH io.codeanatomy.bench.CallEdgeComparison WAREHOUSE JOERN_EDGES.tsv}
 */
public final class CallEdgeComparison {
    private CallEdgeComparison() {
    }

    record Site(String path, int line, String name) implements Comparable<Site> {
        @Override
        public int compareTo(Site o) {
            int c = path.compareTo(o.path);
            if (c == 0) {
                c = Integer.compare(line, o.line);
            }
            return c != 0 ? c : name.compareTo(o.name);
        }

        @Override
        public String toString() {
            return path + ":" + line + " " + name + "()";
        }
    }

    public static void main(String[] args) throws Exception {
        Path warehouse = Path.of(args[0]);
        Path joernEdges = Path.of(args[1]);
        int exampleCount = Integer.getInteger("examples", 8);

        Map<Site, Set<String>> joern = new TreeMap<>();
        int joernExternalEdges = 0;
        try (BufferedReader in = Files.newBufferedReader(joernEdges, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split("\t", -1);
                if (f.length < 6 || f[1].isEmpty() || f[0].isEmpty() || f[0].startsWith("<")) {
                    continue;
                }
                Site site = new Site(f[0], Integer.parseInt(f[1]), f[3]);
                Set<String> targets = joern.computeIfAbsent(site, k -> new TreeSet<>());
                if (f[4].isEmpty()) {
                    continue;
                }
                if (Boolean.parseBoolean(f[5]) || !f[4].contains(".py:")) {
                    joernExternalEdges++;
                } else {
                    targets.add(joernName(f[4]));
                }
            }
        }

        WarehouseRows rows = WarehouseRows.read(warehouse);
        Map<String, Site> callSites = new HashMap<>();
        Map<Site, Set<String>> ours = new TreeMap<>();
        for (TableRow n : rows.rows(CpgSchema.NODES)) {
            if (n.string("kind").equals("CALL") && !n.isNull("name")) {
                String name = n.string("name");
                Site site = new Site(n.string("path"), n.intValue("start_line"), name.substring(name.lastIndexOf('.') + 1));
                callSites.put(n.string("node_id"), site);
                ours.computeIfAbsent(site, k -> new TreeSet<>());
            }
        }
        int ourOutsideEdges = 0;
        for (TableRow x : rows.rows(CpgSchema.XREFS)) {
            Site site = x.string("kind").equals("CALLS") ? callSites.get(x.string("src_id")) : null;
            if (site == null) {
                continue;
            }
            String kind = x.string("target_kind");
            if (kind.equals("EXTERNAL") || kind.equals("UNRESOLVED") || kind.equals("NAMESPACE")) {
                ourOutsideEdges++;
            } else {
                ours.get(site).add(PythonSymbols.dotted(x.string("target")));
            }
        }

        Set<Site> common = new TreeSet<>(joern.keySet());
        common.retainAll(ours.keySet());
        int[] joernStats = linkStats(joern, common);
        int[] ourStats = linkStats(ours, common);
        int both = 0;
        int equal = 0;
        int overlap = 0;
        int differ = 0;
        int joernOnly = 0;
        int oursOnly = 0;
        int joernManyWeOne = 0;
        int joernManyWeNone = 0;
        List<String> differExamples = new ArrayList<>();
        List<String> joernOnlyExamples = new ArrayList<>();
        List<String> oursOnlyExamples = new ArrayList<>();
        for (Site s : common) {
            Set<String> j = joern.get(s);
            Set<String> o = ours.get(s);
            if (!j.isEmpty() && !o.isEmpty()) {
                both++;
                if (j.equals(o)) {
                    equal++;
                } else {
                    Set<String> shared = new TreeSet<>(j);
                    shared.retainAll(o);
                    if (shared.isEmpty()) {
                        differ++;
                        if (differExamples.size() < exampleCount) {
                            differExamples.add(s + " joern=" + j + " ours=" + o);
                        }
                    } else {
                        overlap++;
                    }
                }
                if (j.size() > 1 && o.size() == 1) {
                    joernManyWeOne++;
                }
            } else if (!j.isEmpty()) {
                joernOnly++;
                if (j.size() > 1) {
                    joernManyWeNone++;
                }
                if (joernOnlyExamples.size() < exampleCount && j.size() == 1) {
                    joernOnlyExamples.add(s + " joern=" + j);
                }
            } else if (!o.isEmpty()) {
                oursOnly++;
                if (oursOnlyExamples.size() < exampleCount) {
                    oursOnlyExamples.add(s + " ours=" + o);
                }
            }
        }
        System.out.printf("call_sites joern=%d ours=%d matched=%d%n", joern.size(), ours.size(), common.size());
        System.out.printf("edges_outside_the_corpus joern=%d ours=%d (left out)%n", joernExternalEdges, ourOutsideEdges);
        printStats("joern", joernStats, common.size());
        printStats("ours", ourStats, common.size());
        System.out.printf("both_link=%d equal=%d (%.1f%%) overlap=%d differ=%d%n", both, equal, pct(equal, both), overlap, differ);
        System.out.printf("joern_only=%d (of them joern with several targets: %d) ours_only=%d%n", joernOnly, joernManyWeNone, oursOnly);
        System.out.printf("joern_several_targets_where_we_have_one=%d%n", joernManyWeOne);
        System.out.println("differ, examples:");
        differExamples.forEach(x -> System.out.println("  " + x));
        System.out.println("joern only (one target), examples:");
        joernOnlyExamples.forEach(x -> System.out.println("  " + x));
        System.out.println("ours only, examples:");
        oursOnlyExamples.forEach(x -> System.out.println("  " + x));
    }

    /** {linked sites, edges on them, sites with more than one target}, over the matched sites. */
    private static int[] linkStats(Map<Site, Set<String>> edges, Set<Site> sites) {
        int[] s = new int[3];
        for (Site site : sites) {
            int n = edges.get(site).size();
            if (n > 0) {
                s[0]++;
                s[1] += n;
                if (n > 1) {
                    s[2]++;
                }
            }
        }
        return s;
    }

    private static void printStats(String who, int[] s, int sites) {
        System.out.printf("%s: linked_sites=%d (%.1f%%) edges=%d edges_per_linked_site=%.2f several_targets=%d (%.1f%% of linked)%n",
                who, s[0], pct(s[0], sites), s[1], s[0] == 0 ? 0.0 : (double) s[1] / s[0], s[2], pct(s[2], s[0]));
    }

    /**
     * {@code pkg/mod.py:<module>.C.f} (or {@code pkg/__init__.py:<module>.f}) as {@code pkg.mod.C.f};
     * Joern's {@code $redefinitionN} suffixes (a name defined again in the same scope) are dropped, as
     * our symbols name every definition of a name alike.
     */
    static String joernName(String fullName) {
        fullName = fullName.replaceAll("\\$redefinition[0-9]+", "");
        int colon = fullName.indexOf(".py:");
        String module = fullName.substring(0, colon).replace('/', '.');
        if (module.endsWith(".__init__")) {
            module = module.substring(0, module.length() - ".__init__".length());
        }
        String rest = fullName.substring(colon + ".py:".length());
        rest = rest.startsWith("<module>") ? rest.substring("<module>".length()) : "." + rest;
        return module + rest;
    }

    private static double pct(int a, int b) {
        return b == 0 ? 0 : 100.0 * a / b;
    }
}
