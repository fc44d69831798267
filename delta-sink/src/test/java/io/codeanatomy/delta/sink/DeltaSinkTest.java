package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.maintenance.MaintenancePolicy;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.OwnedRowsTypeInfo;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.ColumnType;
import io.codeanatomy.delta.schema.TableSet;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sink on a MiniCluster writing real Delta tables, read back with Delta Kernel. */
class DeltaSinkTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final TableSpec NODES = TableSpec.builder("nodes", "")
            .required("repo", ColumnType.STRING, "").required("path", ColumnType.STRING, "")
            .required("id", ColumnType.STRING, "").optional("n", ColumnType.LONG, "")
            .primaryKey("id").build();
    static final TableSpec EDGES = TableSpec.builder("edges", "")
            .required("repo", ColumnType.STRING, "").required("path", ColumnType.STRING, "")
            .required("id", ColumnType.STRING, "").required("dst", ColumnType.STRING, "")
            .primaryKey("id").build();
    static final TableSet TABLES = new TableSet(List.of(NODES, EDGES));

    @TempDir
    Path dir;

    private final Engine engine = EngineFactory.create();

    static OwnedRows file(String path, int nodes) {
        List<List<Object[]>> rows = OwnedRows.emptyTables(2);
        for (int i = 0; i < nodes; i++) {
            rows.get(0).add(new Object[] {"r", path, path + "#" + i, (long) i});
            rows.get(1).add(new Object[] {"r", path, path + "->" + i, path + "#" + i});
        }
        return OwnedRows.replace(new Owner("r", path), rows);
    }

    private void run(String appId, long rollRows, List<OwnedRows> records) throws Exception {
        run(DeltaSinkConfig.builder(dir.toString(), TABLES, appId).rollRows(rollRows)
                .maintenance(MaintenancePolicy.disabled()).build(), records);
    }

    private void run(DeltaSinkConfig config, List<OwnedRows> records) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromData(records, new OwnedRowsTypeInfo(TABLES)).setParallelism(1)
                .sinkTo(new DeltaSink(config))
                .uid("sink");
        env.execute();
    }

    private long dataFiles(String table) throws Exception {
        try (var files = java.nio.file.Files.walk(dir.resolve(table))) {
            return files.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("_delta_log")).count();
        }
    }

    @Test
    void filesRollBySizeAndTheAutomaticPolicyCompactsThemBack() throws Exception {
        List<OwnedRows> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(file("f" + i + ".py", 200));
        }
        // 16 KB target files: the first run writes many files per table.
        run(DeltaSinkConfig.builder(dir.toString(), TABLES, "app-1").targetFileBytes(16 * 1024)
                .maintenance(MaintenancePolicy.disabled()).build(), many);
        long rolled = dataFiles("nodes");
        assertTrue(rolled > 4, "rolled into " + rolled + " files");
        Set<String> before = rows(NODES);

        // Compaction after every commit (sparing nothing): the second run ends compacted.
        run(DeltaSinkConfig.builder(dir.toString(), TABLES, "app-2")
                .maintenance(new MaintenancePolicy(1, java.time.Duration.ZERO, 0, java.time.Duration.ofDays(7))).build(),
                List.of(file("f0.py", 200)));
        assertEquals(before, rows(NODES));
        assertEquals(5, activeFiles("nodes"), "the policy compacted the table back into its layout: 40 owners, at most 8 a file");
        // And the commits table, a file per checkpoint until then, into one.
        assertEquals(1, activeFiles(CommitLog.TABLE), "the commits table's files merged");
        assertEquals(2, CommitLog.checkpoints(engine, dir.toString()).size());
    }

    private int activeFiles(String table) throws java.io.IOException {
        int active = 0;
        try (var files = TableManager.loadSnapshot(TablePaths.tablePath(dir.toString(), table)).build(engine)
                .getScanBuilder().build().getScanFiles(engine)) {
            while (files.hasNext()) {
                try (var r = files.next().getRows()) {
                    while (r.hasNext()) {
                        r.next();
                        active++;
                    }
                }
            }
        }
        return active;
    }

    private Set<String> rows(TableSpec spec) {
        return rows(spec, -1);
    }

    private Set<String> rows(TableSpec spec, long version) {
        var builder = TableManager.loadSnapshot(TablePaths.tablePath(dir.toString(), spec.name()));
        if (version >= 0) {
            builder = builder.atVersion(version);
        }
        Set<String> out = new TreeSet<>();
        for (Object[] r : TableRows.readAll(engine, builder.build(engine), spec)) {
            assertTrue(out.add(Arrays.toString(r)), "duplicate row " + Arrays.toString(r));
        }
        return out;
    }

    @Test
    void renameMovesRowsInOneCommitAndCommitsTablePinsAConsistentView() throws Exception {
        run("app-1", 1000, List.of(file("a.py", 3), file("b.py", 2)));
        List<OwnedRows> second = new ArrayList<>();
        OwnedRows moved = file("c.py", 3);
        second.add(OwnedRows.rename(new Owner("r", "a.py"), new Owner("r", "c.py"),
                List.of(moved.rows(0), moved.rows(1))));
        run("app-2", 1000, second);

        Set<String> nodes = rows(NODES);
        assertEquals(5, nodes.size());
        assertTrue(nodes.stream().noneMatch(r -> r.contains("a.py")), "the old path's rows are gone");
        assertTrue(nodes.stream().filter(r -> r.contains("c.py")).count() == 3);

        List<CommitLog.Checkpoint> checkpoints = CommitLog.checkpoints(engine, dir.toString());
        assertEquals(2, checkpoints.size());
        CommitLog.Checkpoint first = checkpoints.get(0);
        assertEquals("app-1", first.applicationId);
        // Pinned to the first checkpoint, every table shows the first run, with a.py and without c.py.
        Set<String> pinned = rows(NODES, first.versions.get("nodes"));
        assertEquals(5, pinned.size());
        assertTrue(pinned.stream().anyMatch(r -> r.contains("a.py")) && pinned.stream().noneMatch(r -> r.contains("c.py")));
        assertEquals(5, rows(EDGES, first.versions.get("edges")).size());
        // The rename is one Delta version: the version before it still has a.py, the next has c.py only.
        long renameVersion = checkpoints.get(1).versions.get("nodes");
        assertTrue(rows(NODES, renameVersion - 1).stream().anyMatch(r -> r.contains("a.py")));
    }

    @Test
    void upsertAndDeleteByKeyLeaveTheOwnersOtherRows() throws Exception {
        run("app-1", 1000, List.of(file("a.py", 3), file("b.py", 1)));
        List<List<Object[]>> upserts = OwnedRows.emptyTables(2);
        upserts.get(1).add(new Object[] {"r", "a.py", "a.py->1", "b.py#0"}); // an edge now points elsewhere
        upserts.get(1).add(new Object[] {"r", "a.py", "a.py->9", "b.py#0"}); // and a new one appears
        List<List<String>> deletes = OwnedRows.emptyKeys(2);
        deletes.get(1).add("a.py->2");
        run("app-2", 1000, List.of(OwnedRows.upsert(new Owner("r", "b.py"), upserts, deletes)));

        assertEquals(Set.of("[r, a.py, a.py->0, a.py#0]", "[r, a.py, a.py->1, b.py#0]", "[r, a.py, a.py->9, b.py#0]",
                "[r, b.py, b.py->0, b.py#0]"), rows(EDGES));
        assertEquals(4, rows(NODES).size(), "other tables untouched");
    }

    @Test
    void aTableMaintainedByKeyKeepsItsRowsWhenTheirOwnerIsReplacedOrDeleted() throws Exception {
        TableSpec xrefs = TableSpec.builder("xrefs", "")
                .required("repo", ColumnType.STRING, "").required("path", ColumnType.STRING, "")
                .required("id", ColumnType.STRING, "").required("dst", ColumnType.STRING, "")
                .primaryKey("id").maintainedByKey().build();
        TableSet tables = new TableSet(List.of(NODES, xrefs));
        DeltaSinkConfig.Builder config = DeltaSinkConfig.builder(dir.toString(), tables, "app-1")
                .maintenance(MaintenancePolicy.disabled());
        List<List<Object[]>> a = OwnedRows.emptyTables(2);
        a.get(0).add(new Object[] {"r", "a.py", "a.py#0", 0L});
        List<List<Object[]>> links = OwnedRows.emptyTables(2);
        links.get(1).add(new Object[] {"r", "a.py", "a.py=>b", "b.py#0"});
        links.get(1).add(new Object[] {"r", "a.py", "a.py=>c", "c.py#0"});
        // In one checkpoint, the upsert before a replace of its owner (they travel different paths to the sink).
        run(config.build(), List.of(OwnedRows.upsert(new Owner("r", "a.py"), links, OwnedRows.emptyKeys(2)),
                OwnedRows.replace(new Owner("r", "a.py"), a)));
        List<List<Object[]>> a2 = OwnedRows.emptyTables(2);
        a2.get(0).add(new Object[] {"r", "a.py", "a.py#1", 1L});
        List<List<String>> gone = OwnedRows.emptyKeys(2);
        gone.get(1).add("a.py=>c");
        run(DeltaSinkConfig.builder(dir.toString(), tables, "app-2").maintenance(MaintenancePolicy.disabled()).build(),
                List.of(OwnedRows.replace(new Owner("r", "a.py"), a2), OwnedRows.delete(new Owner("r", "b.py"), 2),
                        OwnedRows.upsert(new Owner("r", "b.py"), OwnedRows.emptyTables(2), gone)));
        assertEquals(Set.of("[r, a.py, a.py=>b, b.py#0]"), rows(xrefs));
        assertEquals(Set.of("[r, a.py, a.py#1, 1]"), rows(NODES));
    }

    @Test
    void anOwnerChangedTwiceAfterAnEarlyFlushKeepsOnlyItsLastVersion() throws Exception {
        // rollRows 1: every record is written to a file at once, before the checkpoint ends.
        run("app-1", 1, List.of(file("a.py", 4), file("b.py", 2), file("a.py", 1),
                OwnedRows.delete(new Owner("r", "b.py"), 2), file("c.py", 2)));
        Set<String> nodes = rows(NODES);
        assertEquals(Set.of("[r, a.py, a.py#0, 0]", "[r, c.py, c.py#0, 0]", "[r, c.py, c.py#1, 1]"), nodes);
        assertEquals(3, rows(EDGES).size());
    }

    @Test
    void aNullInANonNullableColumnFailsTheJobBeforeAnythingIsWritten() {
        List<List<Object[]>> rows = OwnedRows.emptyTables(2);
        rows.get(1).add(new Object[] {"r", "a.py", "a.py->0", null});
        Exception e = assertThrows(Exception.class,
                () -> run("app-1", 1000, List.of(file("ok.py", 1), OwnedRows.replace(new Owner("r", "a.py"), rows))));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().contains("null in non-nullable column dst"), root.getMessage());
        assertTrue(!TablePaths.exists(dir.toString(), "edges") || rows(EDGES).isEmpty(), "nothing committed");
    }
}
