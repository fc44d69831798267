package io.codeanatomy.job;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.schema.TableRow;
import io.codeanatomy.delta.sink.CommitLog;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileSelector;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code repo_heads} never shows a commit before every file of it has its rows: a dense generated
 * file keeps the CST layer busy for seconds (a real slow input: 4 MB that CPython rejects at its first
 * line, so the CPython layer answers at once, while tree-sitter parses to the end and the typed
 * extraction and scopes walk it all: ~4 s with the fast native path) and the align timeout is short, so the
 * slow file is written without its syntax tree (its files row and an error naming the layer, where the
 * build before wrote nothing for it and still moved the head) and the commit becomes the head only with
 * it. Every committed checkpoint is read back as one consistent view (the sink's commits table) and
 * checked. (With aligned checkpoints a busy layer also holds the checkpoint back; the marker's own wait
 * for its files, which keeps the rule under any checkpointing mode, is tested in RepoHeadFunctionTest.)
 */
class CommitBarrierJobTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path tmp;

    @Test
    void aCommitBecomesTheHeadOnlyWithAllItsFilesEvenWhenALayerIsSlow() throws Exception {
        Path warehouse = tmp.resolve("wh");
        List<String> small = List.of("json/__init__.py", "json/decoder.py", "json/encoder.py", "textwrap.py", "fnmatch.py",
                "string.py", "shlex.py", "heapq.py");
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), small)) {
            // 4 MB of dense statements behind a first line CPython rejects: seconds of CST work only.
            repo.write("generated/dense.py", ("def broken(:\n" + "x = (a + b) * [c, d, {e: f}]\n".repeat(140_000))
                    .getBytes(StandardCharsets.UTF_8));
            String commit = repo.commit("small files and a slow one");
            LayerSettings layers = new LayerSettings(true, true, "python3", Duration.ofSeconds(10), Duration.ofSeconds(1));
            IndexSettings settings = new IndexSettings(repo.dir.toFile(), "stdlib", null, warehouse.toFile(),
                    FileSelector.defaults(), 2, Duration.ofMillis(200)).withLayers(layers);
            IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), settings, null);

            Set<String> all = new TreeSet<>(small);
            all.add("generated/dense.py");
            Engine engine = EngineFactory.create();
            List<CommitLog.Checkpoint> checkpoints = CommitLog.checkpoints(engine, warehouse.toString());
            assertTrue(!checkpoints.isEmpty());
            boolean headSeen = false;
            for (CommitLog.Checkpoint c : checkpoints) {
                List<TableRow> heads = rowsAt(engine, warehouse, CpgSchema.REPO_HEADS, c);
                if (heads.stream().noneMatch(h -> commit.equals(h.string("commit")))) {
                    continue;
                }
                headSeen = true;
                Set<String> files = rowsAt(engine, warehouse, CpgSchema.FILES, c).stream().map(r -> r.string("path"))
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(all, files, "checkpoint " + c.checkpointId + " shows the commit as the head");
            }
            assertTrue(headSeen, "the commit became the head");

            WarehouseRows rows = WarehouseRows.read(warehouse);
            TableRow dense = rows.rows(CpgSchema.FILES).stream().filter(r -> r.string("path").equals("generated/dense.py"))
                    .findFirst().orElseThrow();
            assertEquals("layer_timeout", dense.string("parse_status"), "the slow file kept its files row");
            assertTrue(rows.rows(CpgSchema.ERRORS).stream().anyMatch(r -> r.string("path").equals("generated/dense.py")
                    && r.string("stage").equals("cst") && r.string("code").equals("layer_timeout")),
                    "and an error row naming the layer");
        }
    }

    /** A table's rows at the version a committed checkpoint recorded for it (empty before its first commit). */
    private static List<TableRow> rowsAt(Engine engine, Path warehouse, String table, CommitLog.Checkpoint c) {
        Long version = c.versions.get(table);
        if (version == null) {
            return List.of();
        }
        var spec = CpgSchema.TABLES.get(table);
        return TableRow.all(spec, TableRows.readAll(engine, TableManager.loadSnapshot(
                TablePaths.tablePath(warehouse.toString(), table)).atVersion(version).build(engine), spec));
    }
}
