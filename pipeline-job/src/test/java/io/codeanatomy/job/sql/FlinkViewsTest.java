package io.codeanatomy.job.sql;

import io.codeanatomy.delta.schema.ColumnSpec;
import io.codeanatomy.job.StdlibRepo;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.schema.CpgViews;
import io.codeanatomy.schema.FlinkSchemas;
import io.codeanatomy.source.FileSelector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped views over a real repository (the standard library's email package, indexed by the
 * real job): each view's query plans to exactly its declared columns, and its rows agree with facts
 * derived independently by CPython's {@code ast} from the same files (src/test/resources/sql/ast_facts.py).
 */
class FlinkViewsTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path tmp;
    static Path warehouse;
    static JsonNode facts;

    @BeforeAll
    static void indexAndReadFacts() throws Exception {
        warehouse = tmp.resolve("wh");
        try (StdlibRepo email = StdlibRepo.create(tmp.resolve("repo"), StdlibRepo.filesUnder("email"))) {
            email.commit("email");
            IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), new IndexSettings(email.dir.toFile(), "email", null,
                    warehouse.toFile(), FileSelector.defaults(), 2), null);
            Path script = tmp.resolve("ast_facts.py");
            try (InputStream in = FlinkViewsTest.class.getResourceAsStream("/sql/ast_facts.py")) {
                Files.copy(in, script);
            }
            Process p = new ProcessBuilder("python3", script.toString(), email.dir.toString()).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), err);
            facts = new ObjectMapper().readTree(out);
        }
    }

    private static StreamTableEnvironment sql() {
        return CpgSqlSession.batch(warehouse);
    }

    static List<Row> rows(StreamTableEnvironment t, String sql) throws Exception {
        List<Row> out = new ArrayList<>();
        try (CloseableIterator<Row> it = t.executeSql(sql).collect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static String family(org.apache.flink.table.types.logical.LogicalType type) {
        return switch (type.getTypeRoot()) {
            case CHAR, VARCHAR -> "STRING";
            default -> type.copy(true).asSummaryString();
        };
    }

    /** `pkg.mod`/Class#f(). as pkg.mod.Class.f */
    static String dotted(String symbol) {
        return io.codeanatomy.cpg.python.PythonSymbols.dotted(symbol);
    }

    @Test
    void everyViewPlansToItsDeclaredColumnsAndRuns() throws Exception {
        StreamTableEnvironment t = sql();
        List<String> views = new ArrayList<>();
        t.executeSql("SHOW VIEWS").collect().forEachRemaining(r -> views.add(String.valueOf(r.getField(0))));
        List<CpgViews.View> shipped = new ArrayList<>(CpgViews.VIEWS);
        shipped.addAll(io.codeanatomy.specs.SpecViews.shipped());
        for (CpgViews.View v : shipped) {
            assertTrue(views.contains(v.name()), v.name() + " in " + views);
            ResolvedSchema planned = t.sqlQuery(v.sql()).getResolvedSchema();
            // The same names and types (a literal's CHAR(n) is a STRING); a column the query may leave null is declared nullable.
            List<String> declared = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            for (int i = 0; i < Math.max(v.columns().size(), planned.getColumnCount()); i++) {
                ColumnSpec d = i < v.columns().size() ? v.columns().get(i) : null;
                Column c = i < planned.getColumnCount() ? planned.getColumns().get(i) : null;
                declared.add(d == null ? "-" : d.name() + " " + family(FlinkSchemas.dataType(d).getLogicalType())
                        + (d.nullable() ? "" : " NOT NULL"));
                actual.add(c == null ? "-" : c.getName() + " " + family(c.getDataType().getLogicalType())
                        + (c.getDataType().getLogicalType().isNullable() && d != null && !d.nullable() ? "" : d != null && !d.nullable() ? " NOT NULL" : ""));
            }
            assertEquals(declared, actual, v.name());
            assertFalse(rows(t, "SELECT * FROM " + v.name() + " LIMIT 1").isEmpty() && !v.name().equals("unresolved_names"),
                    v.name() + " has rows");
        }
    }

    private static Set<String> pairs(JsonNode list) {
        Set<String> out = new TreeSet<>();
        list.forEach(p -> out.add(p.get(0).asText() + " -> " + p.get(1).asText()));
        return out;
    }

    private static String last(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    /** The ENCLOSED_BY relationship spec, run in batch over the tables, rebuilds exactly the edges the job wrote. */
    @Test
    void aRelationshipSpecRebuildsTheEdgesTheStreamingJobWrote() throws Exception {
        StreamTableEnvironment t = sql();
        List<String> written = new ArrayList<>();
        for (Row r : rows(t, "SELECT * FROM cpg_edges WHERE kind = 'ENCLOSED_BY'")) {
            written.add(r.toString().substring(2)); // without the row kind
        }
        List<String> rebuilt = new ArrayList<>();
        var spec = io.codeanatomy.specs.SpecLoader.shipped("enclosed_by");
        try (CloseableIterator<Row> it = io.codeanatomy.specs.SpecCompiler.compile(t, spec).execute().collect()) {
            it.forEachRemaining(r -> rebuilt.add(r.toString().substring(2)));
        }
        written.sort(String::compareTo);
        rebuilt.sort(String::compareTo);
        assertTrue(written.size() > 10_000, "ENCLOSED_BY edges: " + written.size());
        assertEquals(written.size(), rebuilt.size());
        assertEquals(written, rebuilt);
        assertEquals((long) written.size(), (Long) rows(t, "SELECT COUNT(*) FROM rel_enclosed_by").get(0).getField(0), "the published view");
    }

    @Test
    void theImportGraphHasEveryImportOfAModuleOfTheRepository() throws Exception {
        Set<String> actual = new TreeSet<>();
        for (Row r : rows(sql(), "SELECT importer, imported FROM import_graph WHERE imported_kind IN ('MODULE', 'NAMESPACE')")) {
            actual.add(dotted((String) r.getField(0)) + " -> " + dotted((String) r.getField(1)));
        }
        Set<String> expected = pairs(facts.get("imports"));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        assertTrue(missing.isEmpty(), "imports ast sees and the view lacks: " + missing);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        extra.removeAll(pairs(facts.get("submodule_imports")));
        assertTrue(extra.isEmpty(), "imports the view has and ast does not: " + extra);
    }

    @Test
    void theClassHierarchyNamesTheBasesWrittenInTheSourceAndTheirAncestors() throws Exception {
        Map<String, Set<String>> astBases = new TreeMap<>(); // class -> base names as written (last part)
        facts.get("bases").forEach(b -> astBases.computeIfAbsent(b.get(0).asText(), k -> new TreeSet<>()).add(b.get(2).asText()));
        Set<String> repoClassNames = new HashSet<>();
        facts.get("class_names").fieldNames().forEachRemaining(repoClassNames::add);
        Set<String> expected = new TreeSet<>();
        astBases.forEach((c, bases) -> bases.stream().filter(repoClassNames::contains).forEach(b -> expected.add(c + " : " + b)));
        Set<String> direct = new TreeSet<>();
        Map<String, Set<String>> ancestors = new TreeMap<>();
        for (Row r : rows(sql(), "SELECT class, base, depth FROM class_hierarchy WHERE base_kind = 'CLASS'")) {
            String c = dotted((String) r.getField(0));
            String b = dotted((String) r.getField(1));
            if ((Integer) r.getField(2) == 1) {
                direct.add(c + " : " + last(b));
            }
            ancestors.computeIfAbsent(c, k -> new TreeSet<>()).add(b);
        }
        assertEquals(expected, direct, "direct bases inside the repository");
        // Depth 2 and 3 are the bases of the bases: MIMEText -> MIMENonMultipart -> MIMEBase -> Message.
        assertEquals(Set.of("email.mime.nonmultipart.MIMENonMultipart", "email.mime.base.MIMEBase", "email.message.Message"),
                ancestors.get("email.mime.text.MIMEText"));
    }

    @Test
    void overridesAreMethodsAnAncestorDefinesToo() throws Exception {
        Map<String, String> classByName = new TreeMap<>();
        facts.get("class_names").fields().forEachRemaining(e -> {
            if (e.getValue().size() == 1) {
                classByName.put(e.getKey(), e.getValue().get(0).asText());
            }
        });
        Map<String, Set<String>> bases = new TreeMap<>();
        facts.get("bases").forEach(b -> {
            String base = classByName.get(b.get(2).asText());
            if (base != null) {
                bases.computeIfAbsent(b.get(0).asText(), k -> new TreeSet<>()).add(base);
            }
        });
        Set<String> expected = new TreeSet<>();
        facts.get("methods").fields().forEachRemaining(e -> {
            Set<String> inherited = new TreeSet<>();
            List<String> todo = new ArrayList<>(bases.getOrDefault(e.getKey(), Set.of()));
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String b = todo.remove(0);
                if (seen.add(b)) {
                    facts.get("methods").path(b).forEach(m -> inherited.add(m.asText()));
                    todo.addAll(bases.getOrDefault(b, Set.of()));
                }
            }
            e.getValue().forEach(m -> {
                if (inherited.contains(m.asText())) {
                    expected.add(e.getKey() + "." + m.asText());
                }
            });
        });
        Set<String> actual = new TreeSet<>();
        for (Row r : rows(sql(), "SELECT overriding, overridden FROM overrides")) {
            String m = dotted((String) r.getField(0));
            assertEquals(last(m), last(dotted((String) r.getField(1))), "an override has the overridden method's name");
            actual.add(m);
        }
        assertEquals(expected, actual);
    }

    @Test
    void callersOfAFunctionAreTheCallsWrittenWithItsName() throws Exception {
        Map<String, Set<String>> ours = new TreeMap<>();
        // What the code states (confidence 1.0); a call through a parameter's default (_encoder(self),
        // _encoder=encoders.encode_base64) is inferred, at 0.7, and not written with the name.
        for (Row r : rows(sql(), "SELECT callee, path, line FROM calls WHERE callee_kind = 'FUNCTION' AND confidence = 1.0")) {
            ours.computeIfAbsent(dotted((String) r.getField(0)), k -> new TreeSet<>()).add(r.getField(1) + ":" + r.getField(2));
        }
        int written = 0;
        int found = 0;
        for (var e : (Iterable<Map.Entry<String, JsonNode>>) facts.get("calls")::fields) {
            Set<String> byName = new TreeSet<>();
            e.getValue().forEach(c -> byName.add(c.get(0).asText() + ":" + c.get(1).asInt()));
            Set<String> mine = ours.getOrDefault(e.getKey(), Set.of());
            Set<String> wrong = new TreeSet<>(mine);
            wrong.removeAll(byName);
            assertTrue(wrong.isEmpty(), e.getKey() + ": calls the view reports where no call has that name: " + wrong);
            written += byName.size();
            found += mine.size();
        }
        assertTrue(written > 100, "calls of uniquely named functions: " + written);
        assertTrue(found >= 0.9 * written, "the view finds " + found + " of the " + written + " calls written with the name");
    }

    @Test
    void deadDefinitionsIncludeEveryDefinitionNoNameMentions() throws Exception {
        Set<String> dead = new TreeSet<>();
        for (Row r : rows(sql(), "SELECT symbol FROM dead_definitions")) {
            dead.add(dotted((String) r.getField(0)));
        }
        Set<String> missing = new TreeSet<>();
        for (JsonNode n : facts.get("never_named")) {
            String name = last(n.asText());
            boolean entryPoint = name.startsWith("__") && name.endsWith("__") || name.equals("main") || name.startsWith("test")
                    || name.startsWith("Test");
            if (!entryPoint && !dead.contains(n.asText())) {
                missing.add(n.asText());
            }
        }
        assertTrue(missing.isEmpty(), "never named anywhere, yet not listed as dead: " + missing);
        // A function the calls view finds called is not dead (formatdate is only exported, never called here).
        for (Row r : rows(sql(), "SELECT DISTINCT callee FROM calls WHERE callee_kind IN ('FUNCTION', 'METHOD', 'CLASS')")) {
            assertFalse(dead.contains(dotted((String) r.getField(0))), r.getField(0) + " is called");
        }
        assertTrue(dead.contains("email.utils.formatdate"), dead.toString());
    }

    @Test
    void fileSummariesCountWhatAstCounts() throws Exception {
        int files = 0;
        for (Row r : rows(sql(), "SELECT path, line_count, class_count, function_count, parse_status FROM file_summaries")) {
            String path = (String) r.getField(0);
            assertEquals(facts.get("lines").get(path).asInt(), r.getField(1), path + " lines");
            assertEquals(facts.get("classes").get(path).asInt(), r.getField(2), path + " classes");
            assertEquals(facts.get("functions").get(path).asInt(), r.getField(3), path + " functions and methods");
            assertEquals("ok", r.getField(4));
            files++;
        }
        assertEquals(facts.get("lines").size(), files);
        List<Row> unbound = rows(sql(), "SELECT path, name FROM unresolved_names WHERE reason = 'unbound name'");
        Set<String> expected = new TreeSet<>();
        facts.get("unbound").fields().forEachRemaining(e -> e.getValue().forEach(n -> expected.add(e.getKey() + " " + n.asText())));
        Set<String> actual = new TreeSet<>();
        unbound.forEach(r -> actual.add(r.getField(0) + " " + r.getField(1)));
        assertEquals(expected, actual, "names nothing binds");
    }
}
