package io.codeanatomy.job;

import io.codeanatomy.delta.schema.TableRow;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.job.warehouse.RepoHead;
import io.codeanatomy.job.watch.WatchJob;
import io.codeanatomy.job.watch.WatchSettings;
import io.codeanatomy.job.watch.WatchedRepo;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileSelector;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * `watch` over a history that moves, renames and deletes definitions, changes {@code __all__}, and
 * adds and breaks an import cycle, with a restart in the middle (the new run starts its linker from
 * the warehouse): the {@code xrefs} rows follow each change, and every table equals a fresh `index` of
 * the head, row for row, at parallelism 1 and 4.
 */
class CrossFileWatchTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(8).build());
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void crossFileEdgesFollowMovesRenamesDeletesAllChangesAndCyclesAcrossARestart(int parallelism) throws Exception {
        Path warehouse = tmp.resolve("watched");
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), StdlibRepo.filesUnder("json"))) {
            write(repo, "pkg/__init__.py", "from .core import helper\n__all__ = ['helper']\n");
            write(repo, "pkg/core.py", "def helper():\n    return 1\n\n\nclass Base:\n    pass\n");
            write(repo, "app.py", "from pkg import helper\nfrom pkg.core import Base\nfrom pkg import *\nimport json\n"
                    + "from json import loads\nfrom cyc.b import x\nhelper()\n");
            write(repo, "star_user.py", "from pkg import *\nprint(helper, Base)\n");
            write(repo, "cyc/__init__.py", "");
            write(repo, "cyc/a.py", "x = 1\n");
            write(repo, "cyc/b.py", "from cyc.a import x\n");
            String c1 = repo.commit("first");
            JobClient job = WatchJob.start(StreamExecutionEnvironment.getExecutionEnvironment(), settings(repo, warehouse, parallelism));
            try {
                awaitVisible(warehouse, c1);
                assertEquals("`pkg.core`/helper(). FUNCTION reexport", target(warehouse, "app.py", "helper"));
                assertEquals("`cyc.a`/x. VARIABLE reexport", target(warehouse, "app.py", "x"));
                assertEquals("`json.decoder`/JSONDecoder# CLASS import", target(warehouse, "json/__init__.py", "JSONDecoder"));

                // A definition moves to another module; the package re-exports it from there. An edit
                // above Base moves its node, not its symbol.
                write(repo, "pkg/util.py", "def helper():\n    return 2\n");
                write(repo, "pkg/core.py", "# the helper moved to pkg.util\n\n\nclass Base:\n    pass\n");
                write(repo, "pkg/__init__.py", "from .util import helper\n__all__ = ['helper']\n");
                String c2 = repo.commit("move helper");
                awaitVisible(warehouse, c2);
                assertEquals("`pkg.util`/helper(). FUNCTION reexport", target(warehouse, "app.py", "helper"));
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }

            // While the job is down: a module renamed without its importer (the re-export breaks), and
            // __all__ grows.
            write(repo, "pkg/tools.py", "def helper():\n    return 2\n");
            repo.delete("pkg/util.py");
            write(repo, "pkg/__init__.py", "from .util import helper\nfrom .core import Base\n__all__ = ['helper', 'Base']\n");
            String c3 = repo.commit("rename util to tools, export Base");
            JobClient resumed = WatchJob.start(StreamExecutionEnvironment.getExecutionEnvironment(), settings(repo, warehouse, parallelism));
            try {
                awaitVisible(warehouse, c3);
                assertEquals("pkg.util.helper UNRESOLVED unresolved", target(warehouse, "app.py", "helper"));
                assertEquals("`pkg.core`/Base# CLASS star_import", targetOfStar(warehouse, "star_user.py", "Base"));
                assertEqualsFreshIndex(repo, warehouse, parallelism);

                write(repo, "cyc/a.py", "from cyc.b import x\n");
                String c4 = repo.commit("an import cycle");
                awaitVisible(warehouse, c4);
                assertEquals("cyc.a.x UNRESOLVED cycle", target(warehouse, "app.py", "x"), "a cycle is named by its first member");

                write(repo, "cyc/b.py", "x = 2\n");
                write(repo, "pkg/core.py", "# Base is gone\n");
                write(repo, "pkg/__init__.py", "from .tools import helper\n__all__ = ['helper']\n");
                String c5 = repo.commit("break the cycle, delete Base, fix the import");
                awaitVisible(warehouse, c5);
                assertEquals("`cyc.b`/x. VARIABLE import", target(warehouse, "app.py", "x"));
                assertEquals("pkg.core.Base UNRESOLVED unresolved", target(warehouse, "app.py", "Base"));
                assertEquals("`pkg.tools`/helper(). FUNCTION reexport", target(warehouse, "app.py", "helper"));
                assertEqualsFreshIndex(repo, warehouse, parallelism);
            } finally {
                resumed.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void write(StdlibRepo repo, String path, String source) throws Exception {
        repo.write(path, source.getBytes(StandardCharsets.UTF_8));
    }

    /** The RESOLVES_TO target of the import-bound variable {@code name} of {@code path}: symbol, kind, resolution. */
    private static String target(Path warehouse, String path, String name) {
        return resolvesTo(warehouse, path, name, "VARIABLE");
    }

    /** The RESOLVES_TO target of the star-import EXTERNAL {@code name} of {@code path}. */
    private static String targetOfStar(Path warehouse, String path, String name) {
        return resolvesTo(warehouse, path, name, "EXTERNAL");
    }

    private static String resolvesTo(Path warehouse, String path, String name, String nodeKind) {
        WarehouseRows rows = WarehouseRows.read(warehouse);
        Map<String, String> names = new TreeMap<>();
        for (TableRow n : rows.rows(CpgSchema.NODES)) {
            if (n.string("path").equals(path) && n.string("kind").equals(nodeKind)) {
                names.put(n.string("node_id"), n.string("name"));
            }
        }
        String found = null;
        for (TableRow x : rows.rows(CpgSchema.XREFS)) {
            if (x.string("path").equals(path) && x.string("kind").equals("RESOLVES_TO") && name.equals(names.get(x.string("src_id")))) {
                String t = x.string("target") + " " + x.string("target_kind") + " " + x.string("resolution");
                if (found != null) {
                    throw new AssertionError(path + " " + name + " resolves to two targets: " + found + " and " + t);
                }
                found = t;
            }
        }
        return found;
    }

    private static WatchSettings settings(StdlibRepo repo, Path warehouse, int parallelism) {
        return new WatchSettings(List.of(new WatchedRepo(repo.dir.toFile(), "stdlib", "main")), warehouse.toFile(),
                FileSelector.defaults(), parallelism, Duration.ofMillis(100), Duration.ofMillis(300), LayerSettings.defaults());
    }

    private static void awaitVisible(Path warehouse, String commit) throws Exception {
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (RepoHead.of(warehouse.toString(), "stdlib").map(h -> h.commit.equals(commit)).orElse(false)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(commit + " not visible in " + warehouse + " within " + VISIBLE_WITHIN);
    }

    private void assertEqualsFreshIndex(StdlibRepo repo, Path warehouse, int parallelism) throws Exception {
        Path fresh = tmp.resolve("fresh-" + System.nanoTime());
        IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), new IndexSettings(repo.dir.toFile(), "stdlib",
                null, fresh.toFile(), FileSelector.defaults(), parallelism), null);
        Map<String, List<String>> expected = WarehouseRows.read(fresh).withoutCommit();
        Map<String, List<String>> actual = WarehouseRows.read(warehouse).withoutCommit();
        assertEquals(expected.keySet(), actual.keySet());
        for (String table : expected.keySet()) {
            assertEquals(expected.get(table).size(), actual.get(table).size(), table + " row count");
            assertEquals(expected.get(table), actual.get(table), table);
        }
    }
}
