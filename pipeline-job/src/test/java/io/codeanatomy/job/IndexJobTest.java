package io.codeanatomy.job;

import io.codeanatomy.delta.schema.TableRow;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.job.index.IndexSummary;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileSelector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The `index` job end to end on a MiniCluster, over real standard-library files in a real git repository. */
class IndexJobTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Real modules, several with non-ASCII text (functools, shlex, heapq), decorators, async code and classes. */
    static final List<String> FILES = List.of(
            "json/__init__.py", "json/decoder.py", "json/encoder.py", "json/scanner.py", "json/tool.py",
            "textwrap.py", "fnmatch.py", "string.py", "shlex.py", "functools.py", "heapq.py", "contextlib.py",
            "csv.py", "asyncio/locks.py", "asyncio/queues.py", "email/utils.py", "dataclasses.py", "getopt.py");

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexSummary index(Path repo, Path warehouse, int parallelism) throws Exception {
        IndexSettings settings = new IndexSettings(repo.toFile(), "stdlib", null, warehouse.toFile(),
                FileSelector.defaults(), parallelism);
        return IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), settings, null);
    }

    @Test
    void anAddedPythonRootResolvesImportsFromIt() throws Exception {
        Path repo = tmp.resolve("roots");
        Files.createDirectories(repo.resolve("lib/tools"));
        Files.writeString(repo.resolve("lib/tools/__init__.py"), "def helper():\n    return 1\n");
        Files.writeString(repo.resolve("app.py"), "from tools import helper\n");
        for (boolean added : new boolean[] {false, true}) {
            Path warehouse = tmp.resolve("wh-" + added);
            IndexSettings settings = new IndexSettings(repo.toFile(), "roots", null, warehouse.toFile(), FileSelector.defaults(), 1);
            if (added) {
                settings = settings.withLayers(settings.layers().withPythonRoots(List.of("lib")));
            }
            IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), settings, null);
            List<String> targets = new ArrayList<>();
            for (TableRow x : WarehouseRows.read(warehouse).rows(CpgSchema.XREFS)) {
                if (x.string("kind").equals("RESOLVES_TO")) {
                    targets.add(x.string("target") + " " + x.string("target_kind"));
                }
            }
            assertEquals(List.of(added ? "`lib.tools`/helper(). FUNCTION" : "tools.helper EXTERNAL"), targets,
                    added ? "found under --python-root lib" : "no root holds tools");
        }
    }

    @Test
    void indexesRealFilesWithExactSpansAndNoDuplicates() throws Exception {
        Path warehouse = tmp.resolve("wh");
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), FILES)) {
            String commit = repo.commit("real stdlib files");
            IndexSummary summary = index(repo.dir, warehouse, 2);
            assertEquals(FILES.size(), summary.files);

            WarehouseRows rows = WarehouseRows.read(warehouse);
            Map<String, TableRow> fileByPath = new TreeMap<>();
            for (TableRow f : rows.rows(CpgSchema.FILES)) {
                assertTrue(fileByPath.put(f.string("path"), f) == null, "one files row per path");
            }
            assertEquals(new TreeSet<>(FILES), fileByPath.keySet());
            ObjectInserter.Formatter blobIds = new ObjectInserter.Formatter();
            for (String path : FILES) {
                TableRow f = fileByPath.get(path);
                byte[] content = Files.readAllBytes(repo.dir.resolve(path));
                assertEquals(blobIds.idFor(Constants.OBJ_BLOB, content).name(), f.string("blob_id"), path);
                assertEquals(commit, f.string("commit"));
                assertEquals("python", f.string("language"));
                assertEquals("ok", f.string("parse_status"), path);
                assertEquals((long) content.length, f.longValue("size_bytes"));
            }

            assertUniqueKeys(rows);
            assertGraphIsClosed(rows);
            assertSpansMatchCPython(repo.dir, rows);
        }
    }

    @Test
    void sameRowsAtAnyParallelismAndOnRerun() throws Exception {
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), FILES)) {
            repo.commit("real stdlib files");
            index(repo.dir, tmp.resolve("p1"), 1);
            index(repo.dir, tmp.resolve("p2"), 2);
            Map<String, List<String>> p1 = WarehouseRows.read(tmp.resolve("p1")).canonical();
            assertEquals(p1, WarehouseRows.read(tmp.resolve("p2")).canonical());

            index(repo.dir, tmp.resolve("p1"), 2); // same commit again
            assertEquals(p1, WarehouseRows.read(tmp.resolve("p1")).canonical());
        }
    }

    @Test
    void laterCommitLeavesExactlyTheRowsOfTheLaterCommit() throws Exception {
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), FILES)) {
            repo.commit("first");
            index(repo.dir, tmp.resolve("incremental"), 2);

            // A real edit (textwrap.py cut after its first function), a delete, an add and a rename.
            String textwrap = Files.readString(repo.dir.resolve("textwrap.py"), StandardCharsets.UTF_8);
            int cut = textwrap.indexOf("\ndef ", textwrap.indexOf("\ndef ") + 1);
            repo.write("textwrap.py", textwrap.substring(0, cut + 1).getBytes(StandardCharsets.UTF_8));
            repo.delete("fnmatch.py");
            repo.copy("glob.py", "glob.py");
            repo.write("tabular/csv.py", Files.readAllBytes(repo.dir.resolve("csv.py")));
            repo.delete("csv.py");
            String second = repo.commit("second");

            index(repo.dir, tmp.resolve("incremental"), 2);
            index(repo.dir, tmp.resolve("fresh"), 1);
            WarehouseRows incremental = WarehouseRows.read(tmp.resolve("incremental"));
            assertEquals(WarehouseRows.read(tmp.resolve("fresh")).canonical(), incremental.canonical());
            for (String table : incremental.byTable.keySet()) {
                for (TableRow row : incremental.rows(table)) {
                    String path = row.string("path");
                    assertFalse(path.equals("fnmatch.py") || path.equals("csv.py"), "rows of a removed file remain: " + path);
                    assertEquals(second, row.string("commit"), "every row comes from the later commit");
                }
            }
        }
    }

    private static void assertUniqueKeys(WarehouseRows rows) {
        for (TableSpec spec : CpgSchema.TABLES.tables()) {
            int[] key = spec.primaryKeyIndexes();
            Set<String> seen = new HashSet<>();
            for (Object[] row : rows.table(spec.name())) {
                StringBuilder k = new StringBuilder();
                for (int i : key) {
                    k.append(row[i]).append('\u0000');
                }
                assertTrue(seen.add(k.toString()), spec.name() + ": duplicate key " + k);
            }
        }
    }

    private static void assertGraphIsClosed(WarehouseRows rows) {
        Map<String, TableRow> byId = new HashMap<>();
        for (TableRow n : rows.rows(CpgSchema.NODES)) {
            byId.put(n.string("node_id"), n);
        }
        for (TableRow e : rows.rows(CpgSchema.EDGES)) {
            TableRow src = byId.get(e.string("src_id"));
            TableRow dst = byId.get(e.string("dst_id"));
            assertNotNull(src, "edge source exists");
            assertNotNull(dst, "edge destination exists");
            assertEquals(src.string("path"), e.string("path"), "edge owned by its file");
            assertNotEquals("SYNTAX_CHILD", e.string("kind"), "SYNTAX_CHILD edges are a view of parent_id, not rows");
        }
        for (TableRow n : rows.rows(CpgSchema.NODES)) {
            String parent = n.string("parent_id");
            if (parent == null) {
                assertTrue(Set.of("FILE", "VARIABLE", "EXTERNAL").contains(n.string("kind")),
                        "only FILE and the non-syntax nodes are roots: " + n.string("kind"));
            } else {
                assertNotNull(byId.get(parent), "parent exists");
                // The view cpg_syntax_edges relies on this: the nodes under FILE are exactly the MODULEs.
                assertEquals("FILE".equals(byId.get(parent).string("kind")), "MODULE".equals(n.string("kind")),
                        n.string("kind") + " under " + byId.get(parent).string("kind"));
            }
        }
    }

    /** Spans checked against CPython's own parser run on the same bytes. */
    private static void assertSpansMatchCPython(Path repoDir, WarehouseRows rows) throws Exception {
        Map<String, Map<String, List<TableRow>>> byPathKind = new HashMap<>();
        for (TableRow n : rows.rows(CpgSchema.NODES)) {
            byPathKind.computeIfAbsent(n.string("path"), p -> new HashMap<>())
                    .computeIfAbsent(n.string("kind"), k -> new ArrayList<>()).add(n);
        }
        List<JsonNode> oracles = cpythonSpans(repoDir);
        assertEquals(FILES.size(), oracles.size(), "CPython parsed every file");
        for (JsonNode oracle : oracles) {
            String path = repoDir.relativize(Path.of(oracle.get("path").asText())).toString();
            byte[] content = Files.readAllBytes(repoDir.resolve(path));
            Map<String, List<TableRow>> kinds = byPathKind.get(path);
            assertEquals(1, kinds.get("FILE").size(), path);
            assertEquals(1, kinds.get("MODULE").size(), path);
            assertEquals(oracle.get("calls").asInt(), kinds.getOrDefault("CALL", List.of()).size(), path + " calls");

            for (String[] kind : new String[][] {{"functions", "FUNCTION"}, {"classes", "CLASS"}}) {
                Map<Long, TableRow> ours = new HashMap<>();
                for (TableRow n : kinds.getOrDefault(kind[1], List.of())) {
                    ours.put(n.longValue("bstart"), n);
                }
                assertEquals(oracle.get(kind[0]).size(), ours.size(), path + " " + kind[1] + " count");
                for (JsonNode def : oracle.get(kind[0])) {
                    TableRow n = ours.get(def.get(0).asLong());
                    assertNotNull(n, path + ": no " + kind[1] + " starting at byte " + def.get(0));
                    assertEquals(def.get(2).asText(), n.string("name"));
                    long bend = n.longValue("bend");
                    assertTrue(bend >= def.get(1).asLong(), path + ": " + kind[1] + " span ends before its body");
                    // Past CPython's end there may only be trailing whitespace and comments of the body.
                    String tail = new String(content, def.get(1).asInt(), (int) (bend - def.get(1).asLong()), StandardCharsets.UTF_8);
                    for (String line : tail.split("\n")) {
                        assertTrue(line.isBlank() || line.strip().startsWith("#"), path + ": span tail '" + tail + "'");
                    }
                    String head = new String(content, def.get(0).asInt(), 6, StandardCharsets.UTF_8);
                    assertTrue(head.startsWith(kind[1].equals("CLASS") ? "class" : "def") || head.startsWith("async"), head);
                }
            }

            Map<Long, TableRow> names = new HashMap<>();
            for (TableRow n : kinds.get("NAME")) {
                long s = n.longValue("bstart");
                long e = n.longValue("bend");
                assertEquals(n.string("name"), new String(content, (int) s, (int) (e - s), StandardCharsets.UTF_8),
                        path + ": NAME span cuts exactly its identifier");
                names.put(s, n);
            }
            for (JsonNode name : oracle.get("names")) {
                TableRow n = names.get(name.get(0).asLong());
                assertNotNull(n, path + ": no NAME at byte " + name.get(0) + " for " + name.get(2));
                assertEquals(name.get(1).asLong(), n.longValue("bend"));
                assertEquals(name.get(2).asText(), n.string("name"));
            }
        }
    }

    private static List<JsonNode> cpythonSpans(Path repoDir) throws Exception {
        Path script = Path.of(IndexJobTest.class.getResource("/ast_spans.py").toURI());
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        try (var walk = Files.walk(repoDir)) {
            walk.filter(p -> p.toString().endsWith(".py") && !p.toString().contains("/.git/"))
                    .sorted().forEach(p -> command.add(p.toString()));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(JSON.readTree(line));
            }
        }
        assertEquals(0, process.waitFor(), "the CPython oracle ran");
        return out;
    }
}
