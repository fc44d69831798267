package io.codeanatomy.job;

import io.codeanatomy.delta.schema.TableRow;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileSelector;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The symbols table through the whole job with every layer: each definition of a package gets its
 * SCIP-style name and kind and points at the node that defines it; locals and import-only bindings
 * define nothing; and an edit above the definitions moves every defining node but keeps every
 * symbol id (what cross-file edges will point at).
 */
class SymbolsTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path tmp;

    private static final String MOD = """
            \"\"\"A module.\"\"\"
            import os
            LIMIT = 3

            class Greeter(Base):
                greeting = "hi"

                def greet(self, name, *, loud=False):
                    def shout(x):
                        return x
                    self.greeted = name
                    self.greeting = self.greeting.upper()
                    return self.greeting + name

            def helper(a):
                total = a + 1
                return total
            """;

    @Test
    void definitionsGetStableSymbolsThatSurviveAnEditAboveThem() throws Exception {
        Path warehouse = tmp.resolve("wh");
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), List.of())) {
            repo.write("pkg/__init__.py", "from .mod import Greeter\n".getBytes(StandardCharsets.UTF_8));
            repo.write("pkg/mod.py", MOD.getBytes(StandardCharsets.UTF_8));
            repo.commit("a package");
            index(repo, warehouse);
            WarehouseRows rows = WarehouseRows.read(warehouse);

            Map<String, String> kinds = new TreeMap<>();
            for (TableRow s : rows.rows(CpgSchema.SYMBOLS)) {
                assertEquals(null, kinds.put(s.string("symbol"), s.string("kind")), "one definition each: " + s.string("symbol"));
            }
            Map<String, String> expected = new TreeMap<>();
            expected.put("pkg/", "MODULE");
            expected.put("`pkg.mod`/", "MODULE");
            expected.put("`pkg.mod`/LIMIT.", "VARIABLE");
            expected.put("`pkg.mod`/Greeter#", "CLASS");
            expected.put("`pkg.mod`/Greeter#greeting.", "ATTRIBUTE");
            expected.put("`pkg.mod`/Greeter#greeted.", "ATTRIBUTE"); // self.greeted = ...; self.greeting is the body's
            expected.put("`pkg.mod`/Greeter#greet().", "METHOD");
            expected.put("`pkg.mod`/Greeter#greet().(self)", "PARAMETER");
            expected.put("`pkg.mod`/Greeter#greet().(name)", "PARAMETER");
            expected.put("`pkg.mod`/Greeter#greet().(loud)", "PARAMETER");
            expected.put("`pkg.mod`/Greeter#greet().shout().", "FUNCTION");
            expected.put("`pkg.mod`/Greeter#greet().shout().(x)", "PARAMETER");
            expected.put("`pkg.mod`/helper().", "FUNCTION");
            expected.put("`pkg.mod`/helper().(a)", "PARAMETER");
            assertEquals(expected, kinds, "no symbol for the local 'total' or the import-only 'os' and 'Greeter' bindings");

            Map<String, TableRow> nodes = new HashMap<>();
            rows.rows(CpgSchema.NODES).forEach(n -> nodes.put(n.string("node_id"), n));
            Map<String, String> definingKind = Map.of("MODULE", "MODULE", "CLASS", "CLASS", "FUNCTION", "FUNCTION",
                    "METHOD", "FUNCTION", "VARIABLE", "VARIABLE", "ATTRIBUTE", "VARIABLE", "PARAMETER", "PARAMETER");
            for (TableRow s : rows.rows(CpgSchema.SYMBOLS)) {
                TableRow def = nodes.get(s.string("def_node_id"));
                String expectedKind = s.string("symbol").endsWith("#greeted.") ? "ATTRIBUTE" : definingKind.get(s.string("kind"));
                assertEquals(expectedKind, def.string("kind"), s.string("symbol")); // an instance attribute: its assignment's ATTRIBUTE
                assertEquals(def.string("path"), s.string("path"), "owned by the defining file");
                assertEquals(def.longValue("bstart"), s.longValue("bstart"));
            }
            Map<String, String> before = idsBySymbol(rows);
            Set<String> defsBefore = rows.rows(CpgSchema.SYMBOLS).stream().map(s -> s.string("def_node_id"))
                    .collect(Collectors.toSet());

            repo.write("pkg/mod.py", ("# a comment above everything\n" + MOD).getBytes(StandardCharsets.UTF_8));
            repo.commit("an edit above the definitions");
            index(repo, warehouse);
            WarehouseRows after = WarehouseRows.read(warehouse);
            assertEquals(before, idsBySymbol(after), "symbol ids survive the edit");
            for (TableRow s : after.rows(CpgSchema.SYMBOLS)) {
                if (s.string("path").equals("pkg/mod.py") && !s.string("kind").equals("MODULE")) {
                    assertTrue(!defsBefore.contains(s.string("def_node_id")), "the defining node moved: " + s.string("symbol"));
                }
            }
            assertNotEquals(defsBefore, after.rows(CpgSchema.SYMBOLS).stream().map(s -> s.string("def_node_id"))
                    .collect(Collectors.toSet()));
        }
    }

    private static Map<String, String> idsBySymbol(WarehouseRows rows) {
        Map<String, String> out = new TreeMap<>();
        rows.rows(CpgSchema.SYMBOLS).forEach(s -> out.put(s.string("symbol"), s.string("symbol_id")));
        return out;
    }

    private static void index(StdlibRepo repo, Path warehouse) throws Exception {
        IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), new IndexSettings(repo.dir.toFile(), "pkgs", null,
                warehouse.toFile(), FileSelector.defaults(), 2), null);
    }
}
