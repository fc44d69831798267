package io.codeanatomy.job.sql;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.FileLayout;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.maintenance.MaintenanceReport;
import io.codeanatomy.delta.schema.TableRow;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.delta.maintenance.WarehouseMaintenance;
import io.codeanatomy.delta.sink.CommitLog;
import io.codeanatomy.job.StdlibRepo;
import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.job.warehouse.RepoHead;
import io.codeanatomy.job.watch.WatchJob;
import io.codeanatomy.job.watch.WatchSettings;
import io.codeanatomy.job.watch.WatchedRepo;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileSelector;

import io.delta.kernel.engine.Engine;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table as a live changelog: while a real watch job follows commits (edits, a delete, a rename) and a
 * compaction rewrites the files, a streaming {@code GROUP BY} over {@code cpg_nodes} converges to the
 * batch answer at the newest checkpoint after each step, and the raw changelog of {@code files} carries
 * exactly the changed files: the rows a copy-on-write rewrite or a compaction re-adds emit nothing.
 */
class FlinkSqlChangelogTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(6).build());

    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static final List<String> FILES = List.of("json/__init__.py", "json/decoder.py", "json/encoder.py",
            "textwrap.py", "fnmatch.py", "csv.py", "heapq.py", "shlex.py");

    @TempDir
    Path tmp;

    /** A streaming query's rows as they arrive, with their kinds. */
    private static final class Changes implements AutoCloseable {
        final List<Row> rows = Collections.synchronizedList(new ArrayList<>());
        private final CloseableIterator<Row> it;
        private final Thread reader;

        Changes(TableResult result) {
            it = result.collect();
            reader = new Thread(() -> {
                try {
                    while (it.hasNext()) {
                        rows.add(it.next());
                    }
                } catch (RuntimeException closed) {
                    // the query was cancelled
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** The changelog applied: key (first column) to the last value (second column). */
        Map<String, Object> materialized() {
            Map<String, Object> out = new TreeMap<>();
            synchronized (rows) {
                for (Row r : rows) {
                    String key = String.valueOf(r.getField(0));
                    if (r.getKind() == RowKind.INSERT || r.getKind() == RowKind.UPDATE_AFTER) {
                        out.put(key, r.getField(1));
                    } else {
                        out.remove(key);
                    }
                }
            }
            return out;
        }

        List<String> since(int from) {
            List<String> out = new ArrayList<>();
            synchronized (rows) {
                for (Row r : rows.subList(from, rows.size())) {
                    out.add(r.getKind().shortString() + " " + r.getField(0));
                }
            }
            return out;
        }

        @Override
        public void close() throws Exception {
            it.close();
        }
    }

    @Test
    void aStreamingAggregateFollowsAWatchedRepositoryAndACompactionEmitsNothing() throws Exception {
        Path warehouse = tmp.resolve("wh");
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), FILES)) {
            String c1 = repo.commit("first");
            JobClient watch = WatchJob.start(StreamExecutionEnvironment.getExecutionEnvironment(), new WatchSettings(
                    List.of(new WatchedRepo(repo.dir.toFile(), "stdlib", "main")), warehouse.toFile(), FileSelector.defaults(), 2,
                    Duration.ofMillis(100), Duration.ofMillis(300), LayerSettings.defaults()));
            try {
                awaitVisible(warehouse, c1);
                StreamTableEnvironment t = CpgSqlSession.streaming(warehouse);
                try (Changes kinds = new Changes(t.executeSql("SELECT kind, COUNT(*) AS n FROM cpg_nodes GROUP BY kind"));
                     Changes files = new Changes(t.executeSql("SELECT path, blob_id FROM files"))) {
                    awaitConverged(kinds, warehouse);
                    awaitEqual(files, warehouse);

                    // Edits, a delete and a rename, in two commits.
                    String textwrap = Files.readString(repo.dir.resolve("textwrap.py"), StandardCharsets.UTF_8);
                    repo.write("textwrap.py", textwrap.substring(0, textwrap.indexOf("\ndef ", textwrap.indexOf("\ndef ") + 1) + 1)
                            .getBytes(StandardCharsets.UTF_8));
                    repo.delete("fnmatch.py");
                    repo.commit("edit and delete");
                    repo.write("tabular/csv.py", Files.readAllBytes(repo.dir.resolve("csv.py")));
                    repo.delete("csv.py");
                    String c3 = repo.commit("rename");
                    awaitVisible(warehouse, c3);
                    awaitConverged(kinds, warehouse);
                    awaitEqual(files, warehouse);

                    // A compaction rewrites files without changing a row, then a one-file edit: the files
                    // changelog carries that file only.
                    List<MaintenanceReport> reports = WarehouseMaintenance.compact(EngineFactory.create(), warehouse.toUri().toString(),
                            CpgSchema.TABLES.tables(), FileLayout.DEFAULT, Duration.ZERO);
                    assertTrue(reports.stream().anyMatch(r -> r.table.equals(CpgSchema.FILES) && r.filesAfter < r.filesBefore),
                            "the compaction rewrote the files table: " + reports);
                    int before = files.rows.size();
                    String heapq = Files.readString(repo.dir.resolve("heapq.py"), StandardCharsets.UTF_8);
                    repo.write("heapq.py", (heapq + "\n\ndef smallest(iterable):\n    return nsmallest(1, iterable)\n")
                            .getBytes(StandardCharsets.UTF_8));
                    String c4 = repo.commit("one edit after a compaction");
                    awaitVisible(warehouse, c4);
                    awaitConverged(kinds, warehouse);
                    awaitEqual(files, warehouse);
                    await(() -> files.since(before).size() >= 2, () -> files.since(before).toString());
                    assertEquals(List.of("-U heapq.py", "+U heapq.py"), files.since(before),
                            "the files changelog after a compaction and a one-file edit");
                }
            } finally {
                watch.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A table's rows at the newest checkpoint, read by Kernel, folded into a map. */
    private static Map<String, Object> atNewestCheckpoint(Path warehouse, TableSpec spec,
                                                          java.util.function.BiConsumer<Map<String, Object>, TableRow> fold) {
        Engine engine = EngineFactory.create();
        List<CommitLog.Checkpoint> all = CommitLog.checkpoints(engine, warehouse.toUri().toString());
        long version = all.get(all.size() - 1).versions.get(spec.name());
        var snapshot = io.delta.kernel.TableManager.loadSnapshot(TablePaths.tablePath(warehouse.toUri().toString(), spec.name()))
                .atVersion(version).build(engine);
        Map<String, Object> out = new TreeMap<>();
        for (Object[] row : TableRows.readAll(engine, snapshot, spec)) {
            fold.accept(out, spec.row(row));
        }
        return out;
    }

    /** cpg_nodes counted by kind. */
    private static Map<String, Object> kindsAtNewestCheckpoint(Path warehouse) {
        return atNewestCheckpoint(warehouse, CpgSchema.NODES_TABLE, (m, r) -> m.merge(r.string("kind"), 1L, (a, b) -> (Long) a + (Long) b));
    }

    /** files: path to blob id. */
    private static Map<String, Object> filesAtNewestCheckpoint(Path warehouse) {
        return atNewestCheckpoint(warehouse, CpgSchema.FILES_TABLE, (m, r) -> m.put(r.string("path"), r.string("blob_id")));
    }

    private static void awaitConverged(Changes kinds, Path warehouse) throws Exception {
        await(() -> kinds.materialized().equals(kindsAtNewestCheckpoint(warehouse)),
                () -> "streaming " + kinds.materialized() + " batch " + kindsAtNewestCheckpoint(warehouse));
    }

    private static void awaitEqual(Changes files, Path warehouse) throws Exception {
        await(() -> files.materialized().equals(filesAtNewestCheckpoint(warehouse)),
                () -> "streaming " + files.materialized() + " batch " + filesAtNewestCheckpoint(warehouse));
    }

    private static void await(java.util.function.BooleanSupplier done, java.util.function.Supplier<String> state) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("did not converge within " + WITHIN + ": " + state.get());
    }

    /** The commit is the head, and the checkpoint that made it so is recorded in {@code commits} (which the reads pin to). */
    private static void awaitVisible(Path warehouse, String commit) throws Exception {
        await(() -> RepoHead.of(warehouse.toString(), "stdlib").map(h -> h.commit.equals(commit)).orElse(false),
                () -> commit + " not visible");
        Engine engine = EngineFactory.create();
        String heads = TablePaths.tablePath(warehouse.toUri().toString(), CpgSchema.REPO_HEADS);
        long headsVersion = io.delta.kernel.TableManager.loadSnapshot(heads).build(engine).getVersion();
        await(() -> CommitLog.checkpoints(engine, warehouse.toUri().toString()).stream()
                        .anyMatch(c -> c.versions.getOrDefault(CpgSchema.REPO_HEADS, -1L) >= headsVersion),
                () -> "no checkpoint recorded for " + CpgSchema.REPO_HEADS + " version " + headsVersion);
    }
}
