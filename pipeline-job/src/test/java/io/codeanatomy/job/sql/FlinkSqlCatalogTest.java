package io.codeanatomy.job.sql;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.PinnedSnapshot;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.delta.sink.CommitLog;
import io.codeanatomy.source.FileSelector;
import io.codeanatomy.job.CommandProcess;
import io.codeanatomy.job.StdlibRepo;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.schema.CpgSchema;

import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flink SQL over a real warehouse: two repositories of standard-library code indexed by the real job,
 * then read through the {@code codeanatomy} catalog and the Delta source on a MiniCluster. Every row
 * of every table read by SQL equals what Delta Kernel reads at the checkpoint the catalog pins; a
 * filter on {@code path} reads only the data files that can hold the path; DDL is refused.
 */
class FlinkSqlCatalogTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path tmp;
    static Path warehouse;

    @BeforeAll
    static void indexTwoRepositories() throws Exception {
        warehouse = tmp.resolve("wh");
        try (StdlibRepo email = StdlibRepo.create(tmp.resolve("email"), StdlibRepo.filesUnder("email"));
             StdlibRepo json = StdlibRepo.create(tmp.resolve("json"), StdlibRepo.filesUnder("json"))) {
            email.commit("email");
            json.commit("json");
            IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), new IndexSettings(email.dir.toFile(), "email", null,
                    warehouse.toFile(), FileSelector.defaults(), 2), null);
            IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), new IndexSettings(json.dir.toFile(), "json", null,
                    warehouse.toFile(), FileSelector.defaults(), 2), null);
        }
    }

    private static StreamTableEnvironment sql() {
        return CpgSqlSession.batch(warehouse);
    }

    private static List<String> rows(TableResult result) throws Exception {
        List<String> out = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            while (it.hasNext()) {
                Row r = it.next();
                Object[] values = new Object[r.getArity()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = r.getField(i);
                }
                out.add(Arrays.asList(values).toString());
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    private static List<String> kernelRows(TableSpec spec, long version) {
        Engine engine = EngineFactory.create();
        List<String> out = new ArrayList<>();
        var snapshot = io.delta.kernel.TableManager.loadSnapshot(TablePaths.tablePath(warehouse.toUri().toString(), spec.name()))
                .atVersion(version).build(engine);
        for (Object[] values : TableRows.readAll(engine, snapshot, spec)) {
            out.add(Arrays.asList(values).toString());
        }
        out.sort(String::compareTo);
        return out;
    }

    @Test
    void everyTableReadBySqlEqualsTheRowsAtThePinnedCheckpoint() throws Exception {
        StreamTableEnvironment t = sql();
        List<String> tables = rows(t.executeSql("SHOW TABLES"));
        for (TableSpec spec : CpgSchema.TABLES.tables()) {
            assertTrue(tables.contains("[" + spec.name() + "]"), spec.name() + " listed: " + tables);
        }
        assertTrue(tables.contains("[commits]"), tables.toString());

        Engine engine = EngineFactory.create();
        List<CommitLog.Checkpoint> checkpoints = CommitLog.checkpoints(engine, warehouse.toUri().toString());
        CommitLog.Checkpoint newest = checkpoints.get(checkpoints.size() - 1);
        for (TableSpec spec : CpgSchema.TABLES.tables()) {
            List<String> expected = kernelRows(spec, newest.versions.get(spec.name()));
            List<String> read = rows(t.executeSql("SELECT * FROM `" + spec.name() + "`"));
            assertEquals(expected.size(), read.size(), spec.name());
            assertEquals(expected, read, spec.name());
        }
        assertFalse(kernelRows(CpgSchema.NODES_TABLE, newest.versions.get(CpgSchema.NODES)).isEmpty());
    }

    @Test
    void aPathFilterReadsOnlyTheFilesThatCanHoldThePathAndAnswersLikeKernel() throws Exception {
        String tablePath = TablePaths.tablePath(warehouse.toUri().toString(), CpgSchema.NODES);
        PinnedSnapshot latest = PinnedSnapshot.of(EngineFactory.create(), tablePath, CpgSchema.NODES_TABLE, Optional.empty());
        int all = latest.files(Optional.empty()).size();
        int kept = latest.files(Optional.of(new Predicate("=", new Column("path"), Literal.ofString("email/utils.py")))).size();
        assertTrue(kept >= 1 && kept < all, "data skipping keeps " + kept + " of " + all + " files");

        StreamTableEnvironment t = sql();
        List<String> read = rows(t.executeSql(
                "SELECT name, start_line FROM cpg_nodes WHERE path = 'email/utils.py' AND kind = 'FUNCTION'"));
        List<String> expected = new ArrayList<>();
        Engine engine = EngineFactory.create();
        var snapshot = io.delta.kernel.TableManager.loadSnapshot(tablePath).atVersion(latest.version()).build(engine);
        for (Object[] values : TableRows.readAll(engine, snapshot, CpgSchema.NODES_TABLE)) {
            var row = CpgSchema.NODES_TABLE.row(values);
            if (row.string("path").equals("email/utils.py") && row.string("kind").equals("FUNCTION")) {
                expected.add(List.of(row.string("name"), row.intValue("start_line")).toString());
            }
        }
        expected.sort(String::compareTo);
        assertTrue(expected.size() > 10, expected.toString());
        assertEquals(expected, read);
    }

    @Test
    void theSqlCommandRunsTheRealClientWithTheCatalogCurrent() throws Exception {
        Map<String, Integer> filesPerRepo = new TreeMap<>();
        Engine engine = EngineFactory.create();
        var files = io.delta.kernel.TableManager.loadSnapshot(TablePaths.tablePath(warehouse.toUri().toString(), CpgSchema.FILES))
                .build(engine);
        for (Object[] values : TableRows.readAll(engine, files, CpgSchema.FILES_TABLE)) {
            filesPerRepo.merge(CpgSchema.FILES_TABLE.row(values).string("repo"), 1, Integer::sum);
        }
        try (CommandProcess sql = CommandProcess.start(tmp.resolve("sql"), "sql", List.of("sql", "--warehouse", warehouse.toString(),
                "-e", "SHOW TABLES; SELECT repo, COUNT(*) AS n FROM files -- one row a repository\n GROUP BY repo;"))) {
            assertEquals(0, sql.awaitExit(Duration.ofMinutes(3)), sql.output());
            String out = sql.output();
            assertTrue(out.contains("| cpg_nodes |") || out.contains(" cpg_nodes |"), out);
            for (Map.Entry<String, Integer> e : filesPerRepo.entrySet()) {
                assertTrue(out.matches("(?s).*\\|\\s*" + e.getKey() + "\\s*\\|\\s*" + e.getValue() + "\\s*\\|.*"),
                        e + " in:\n" + out);
            }
        }
        try (CommandProcess bad = CommandProcess.start(tmp.resolve("sql"), "bad", List.of("sql", "--warehouse", warehouse.toString(),
                "-e", "SELECT no_such_column FROM files"))) {
            assertEquals(1, bad.awaitExit(Duration.ofMinutes(3)), bad.output());
            assertTrue(bad.output().contains("no_such_column"), bad.output());
        }
    }

    private static long count(StreamTableEnvironment t, String sql) throws Exception {
        List<String> r = rows(t.executeSql(sql));
        assertEquals(1, r.size(), sql + ": " + r);
        return Long.parseLong(r.get(0).replaceAll("[\\[\\]]", ""));
    }

    @Test
    void anOlderCheckpointIsPinnedBySettingByTimeOrPerTableAndSystemTablesDescribeTheWarehouse() throws Exception {
        Engine engine = EngineFactory.create();
        List<CommitLog.Checkpoint> checkpoints = CommitLog.checkpoints(engine, warehouse.toUri().toString());
        String firstApp = checkpoints.get(0).applicationId;
        CommitLog.Checkpoint emailOnly = checkpoints.stream().filter(c -> c.applicationId.equals(firstApp)).reduce((a, b) -> b).orElseThrow();
        CommitLog.Checkpoint newest = checkpoints.get(checkpoints.size() - 1);
        long emailFiles = kernelRows(CpgSchema.FILES_TABLE, emailOnly.versions.get(CpgSchema.FILES)).size();
        long emailNodes = kernelRows(CpgSchema.NODES_TABLE, emailOnly.versions.get(CpgSchema.NODES)).size();
        long allFiles = kernelRows(CpgSchema.FILES_TABLE, newest.versions.get(CpgSchema.FILES)).size();
        assertTrue(emailFiles > 0 && emailFiles < allFiles, emailFiles + " of " + allFiles);

        StreamTableEnvironment t = sql();
        assertEquals(allFiles, count(t, "SELECT COUNT(*) FROM files"));
        // What SET 'codeanatomy.checkpoint' = '...' does in the SQL client: a session setting.
        t.getConfig().set("codeanatomy.checkpoint", emailOnly.applicationId + ":" + emailOnly.checkpointId);
        assertEquals(emailFiles, count(t, "SELECT COUNT(*) FROM files"));
        assertEquals(emailNodes, count(t, "SELECT COUNT(*) FROM cpg_nodes"), "every table at the same checkpoint");
        t.getConfig().set("codeanatomy.checkpoint", "no-such-checkpoint");
        Exception bad = assertThrows(Exception.class, () -> count(t, "SELECT COUNT(*) FROM files"));
        assertTrue(messages(bad).contains("'codeanatomy.checkpoint' = 'no-such-checkpoint'"), messages(bad));
        t.getConfig().set("codeanatomy.checkpoint", "");

        t.getConfig().setLocalTimeZone(java.time.ZoneOffset.UTC);
        String at = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.ofEpochMilli(emailOnly.committedAt));
        assertEquals(emailFiles, count(t, "SELECT COUNT(*) FROM files FOR SYSTEM_TIME AS OF TIMESTAMP '" + at + "'"));
        assertEquals(emailNodes, count(t, "SELECT COUNT(*) FROM cpg_nodes FOR SYSTEM_TIME AS OF TIMESTAMP '" + at + "'"));
        assertEquals(emailFiles, count(t, "SELECT COUNT(*) FROM files /*+ OPTIONS('version'='"
                + emailOnly.versions.get(CpgSchema.FILES) + "') */"));

        assertEquals(checkpoints.size(), count(t, "SELECT COUNT(*) FROM checkpoints"));
        assertEquals(List.of("[" + newest.checkpointId + ", " + newest.versions.get(CpgSchema.NODES) + "]"),
                rows(t.executeSql("SELECT checkpoint_id, cpg_nodes_version FROM checkpoints WHERE application_id = '"
                        + newest.applicationId + "' AND checkpoint_id = " + newest.checkpointId)));
        long latestFilesVersion = io.delta.kernel.TableManager.loadSnapshot(
                TablePaths.tablePath(warehouse.toUri().toString(), CpgSchema.FILES)).build(engine).getVersion();
        assertEquals(latestFilesVersion + 1, count(t, "SELECT COUNT(*) FROM `files$history`"));
        assertEquals(List.of("[" + newest.applicationId + ", " + newest.checkpointId + "]"),
                rows(t.executeSql("SELECT application_id, checkpoint_id FROM `files$history` WHERE version = "
                        + newest.versions.get(CpgSchema.FILES))));
        int nodeFiles = PinnedSnapshot.of(engine, TablePaths.tablePath(warehouse.toUri().toString(), CpgSchema.NODES),
                CpgSchema.NODES_TABLE, Optional.of(newest.versions.get(CpgSchema.NODES))).files(Optional.empty()).size();
        assertEquals(nodeFiles, count(t, "SELECT COUNT(*) FROM `cpg_nodes$files`"));
        assertEquals(count(t, "SELECT COUNT(*) FROM cpg_nodes"), count(t, "SELECT SUM(records) FROM `cpg_nodes$files`"));
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause()) {
            b.append(c.getMessage()).append('\n');
        }
        return b.toString();
    }

    @Test
    void csvOutputForScripts() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int status = io.codeanatomy.job.cli.CodeAnatomyMain.run(new String[] {"sql", "--warehouse", warehouse.toString(), "--format", "csv",
                "-e", "SET 'table.local-time-zone' = 'UTC'; -- a comment; not a statement\n"
                        + "SELECT repo, COUNT(*) AS n FROM files GROUP BY repo ORDER BY repo; SELECT 'a;b,c' AS s, CAST(NULL AS STRING) AS t"},
                new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(errors, true, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, status, errors.toString(java.nio.charset.StandardCharsets.UTF_8));
        Map<String, Integer> perRepo = new TreeMap<>();
        Engine engine = EngineFactory.create();
        var files = io.delta.kernel.TableManager.loadSnapshot(TablePaths.tablePath(warehouse.toUri().toString(), CpgSchema.FILES)).build(engine);
        for (Object[] values : TableRows.readAll(engine, files, CpgSchema.FILES_TABLE)) {
            perRepo.merge(CpgSchema.FILES_TABLE.row(values).string("repo"), 1, Integer::sum);
        }
        List<String> expected = new ArrayList<>(List.of("repo,n"));
        perRepo.forEach((repo, n) -> expected.add(repo + "," + n));
        expected.addAll(List.of("s,t", "\"a;b,c\","));
        assertEquals(expected, bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList());

        java.io.ByteArrayOutputStream failed = new java.io.ByteArrayOutputStream();
        assertEquals(1, io.codeanatomy.job.cli.CodeAnatomyMain.run(new String[] {"sql", "--warehouse", warehouse.toString(), "--format",
                "csv", "-e", "SELECT nope FROM files"}, new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(failed, true, java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(failed.toString(java.nio.charset.StandardCharsets.UTF_8).contains("nope"), failed.toString());
    }

    @Test
    void aViewAUserCreatesIsKeptInTheWarehouseForEverySession() throws Exception {
        StreamTableEnvironment t = sql();
        t.executeSql("CREATE VIEW function_names COMMENT 'functions by file' AS "
                + "SELECT path, name FROM cpg_nodes WHERE kind = 'FUNCTION'");
        long functions = kernelRows(CpgSchema.NODES_TABLE, CommitLog.checkpoints(EngineFactory.create(), warehouse.toUri().toString())
                .stream().reduce((a, b) -> b).orElseThrow().versions.get(CpgSchema.NODES)).stream()
                .filter(r -> r.contains(", FUNCTION, ")).count();
        StreamTableEnvironment other = sql(); // another session, as a later `codeanatomy sql` would be
        assertTrue(rows(other.executeSql("SHOW VIEWS")).contains("[function_names]"));
        assertEquals(functions, count(other, "SELECT COUNT(*) FROM function_names"));
        Exception clash = assertThrows(Exception.class, () -> other.executeSql("CREATE VIEW cpg_nodes AS SELECT path FROM files"));
        assertTrue(messages(clash).contains("already exists"), messages(clash));
        other.executeSql("DROP VIEW function_names");
        assertFalse(rows(sql().executeSql("SHOW VIEWS")).contains("[function_names]"));
    }

    @Test
    void aQueryJoinsTablesAndTheCatalogRefusesDdl() throws Exception {
        StreamTableEnvironment t = sql();
        List<String> perRepo = rows(t.executeSql("SELECT repo, COUNT(*) FROM files GROUP BY repo"));
        assertEquals(2, perRepo.size(), perRepo.toString());
        assertTrue(perRepo.get(0).startsWith("[email, "), perRepo.toString());
        Exception e = assertThrows(Exception.class, () -> t.executeSql("DROP TABLE cpg_nodes"));
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof CatalogException)) {
            root = root.getCause();
        }
        assertTrue(String.valueOf(root.getMessage()).contains("read-only"), e.toString());
    }
}
