package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.ParquetStager;
import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.kernel.TableCreator;
import io.codeanatomy.delta.maintenance.MaintenancePolicy;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committer's replay check on real Delta tables: a replay of a committed checkpoint is skipped
 * only when it carries what was first staged under that id (compared by digest, not by count).
 */
class ReplayCheckTest {
    @TempDir
    Path dir;

    private final Engine engine = EngineFactory.create();

    /** Keeps the counters the committer registers, so the test reads them as a reporter would. */
    static final class Counters extends UnregisteredMetricsGroup {
        final Map<String, Counter> byName = new HashMap<>();

        @Override
        public <C extends Counter> C counter(String name, C counter) {
            byName.put(name, counter);
            return counter;
        }

        @Override
        public Counter counter(String name) {
            return counter(name, new org.apache.flink.metrics.SimpleCounter());
        }
    }

    /** A commit request as Flink's committer operator hands it over. */
    static Committer.CommitRequest<DeltaCommittable> request(DeltaCommittable committable) {
        return new Committer.CommitRequest<>() {
            public DeltaCommittable getCommittable() {
                return committable;
            }

            public int getNumberOfRetries() {
                return 0;
            }

            public void signalFailedWithKnownReason(Throwable t) {
                throw new AssertionError(t);
            }

            public void signalFailedWithUnknownReason(Throwable t) {
                throw new AssertionError(t);
            }

            public void retryLater() {
            }

            public void updateAndRetryLater(DeltaCommittable c) {
            }

            public void signalAlreadyCommitted() {
            }
        };
    }

    private DeltaSinkConfig config() {
        return DeltaSinkConfig.builder(dir.toString(), DeltaSinkTest.TABLES, "app")
                .maintenance(MaintenancePolicy.disabled()).build();
    }

    /** What writers would hand on for these files: their owners and freshly staged Parquet files. */
    private TableWrites staged(String... paths) throws Exception {
        List<Owner> owners = new ArrayList<>();
        Map<String, List<StagedFile>> files = new HashMap<>();
        for (int t = 0; t < DeltaSinkTest.TABLES.size(); t++) {
            TableSpec spec = DeltaSinkTest.TABLES.get(t);
            List<Object[]> rows = new ArrayList<>();
            for (String path : paths) {
                rows.addAll(DeltaSinkTest.file(path, 2).rows(t));
            }
            files.put(spec.name(), new ParquetStager(engine, config().tablePath(spec.name()), spec).stage(rows));
        }
        for (String path : paths) {
            owners.add(new Owner("r", path));
        }
        return new TableWrites(owners, Map.of(), files);
    }

    /** Commits with a new committer each time, as after a restart. */
    private Counters commit(long checkpointId, TableWrites writes) throws Exception {
        return commit(config(), checkpointId, writes);
    }

    private Counters commit(DeltaSinkConfig config, long checkpointId, TableWrites writes) throws Exception {
        Counters counters = new Counters();
        try (DeltaCommitter committer = new DeltaCommitter(config, counters)) {
            committer.commit(List.of(request(new DeltaCommittable("app", checkpointId, writes))));
        }
        return counters;
    }

    private long version(String table) {
        return TableManager.loadSnapshot(config().tablePath(table)).build(engine).getVersion();
    }

    @Test
    void anIdenticalReplayIsRecognisedInEveryTableAndWritesNothing() throws Exception {
        TableWrites writes = staged("a.py", "b.py");
        assertEquals(2, commit(3, writes).byName.get("deltaTableCommits").getCount());
        long nodes = version("nodes");
        long commits = version(CommitLog.TABLE);

        Counters replay = commit(3, writes);
        assertEquals(2, replay.byName.get("deltaTableCommitsAlreadyDone").getCount(), "both tables skipped");
        assertEquals(0, replay.byName.get("deltaTableCommits").getCount());
        assertEquals(nodes, version("nodes"));
        assertEquals(commits, version(CommitLog.TABLE), "the commits row is not written twice");
    }

    @Test
    void aReplayWithOtherOwnersOfTheSameCountFailsNamingTheCheckpoint() throws Exception {
        TableWrites ab = staged("a.py", "b.py");
        commit(3, ab);
        // As many owners and the very same files, so every table's own commit matches: only the
        // digest of the commits row tells the replay apart.
        TableWrites other = new TableWrites(List.of(new Owner("r", "c.py"), new Owner("r", "d.py")), Map.of(),
                ab.filesByTable());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> commit(3, other));
        assertTrue(e.getMessage().startsWith("checkpoint 3 of app was committed with 2 owners (staged digest "),
                e.getMessage());
        assertTrue(e.getMessage().contains("refusing to skip different data under the same transaction id"));
    }

    /** A committer that fails after its first table, as a crash between two tables' commits. */
    private DeltaSinkConfig failingBetweenTables() {
        return DeltaSinkConfig.builder(dir.toString(), DeltaSinkTest.TABLES, "app")
                .maintenance(MaintenancePolicy.disabled())
                .faults((step, checkpointId, table) -> {
                    if (step == SinkStep.BETWEEN_TABLE_COMMITS) {
                        throw new java.io.IOException("injected failure after " + table);
                    }
                }).build();
    }

    @Test
    void aDifferentReplayAfterAFailureBetweenTablesFailsInTheFirstTableAlreadyCommitted() throws Exception {
        assertThrows(java.io.IOException.class, () -> commit(failingBetweenTables(), 3, staged("a.py", "b.py")));
        long nodes = version("nodes");
        // No commits row exists yet, so only the table's own log can tell the replay carries other files.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> commit(3, staged("c.py", "d.py")));
        assertTrue(e.getMessage().startsWith("checkpoint 3 of app was committed to nodes at version " + nodes
                + " without the staged file "), e.getMessage());
        assertEquals(nodes, version("nodes"));
        assertTrue(!io.codeanatomy.delta.kernel.TablePaths.exists(dir.toString(), CommitLog.TABLE), "nothing recorded");
    }

    @Test
    void aCommitsLogWhoseFirstCommitIsUnderWayHasNoCheckpoints() throws Exception {
        // A reader can list the warehouse between the log directory's creation and its first commit file.
        java.nio.file.Files.createDirectories(dir.resolve(CommitLog.TABLE).resolve("_delta_log"));
        assertEquals(List.of(), CommitLog.checkpoints(engine, dir.toString()));
        commit(1, staged("a.py"));
        assertEquals(1, CommitLog.checkpoints(engine, dir.toString()).size());
    }

    @Test
    void anIdenticalReplayAfterAFailureBetweenTablesCommitsTheRest() throws Exception {
        TableWrites writes = staged("a.py", "b.py");
        assertThrows(java.io.IOException.class, () -> commit(failingBetweenTables(), 3, writes));
        Counters replay = commit(3, writes);
        assertEquals(1, replay.byName.get("deltaTableCommitsAlreadyDone").getCount(), "nodes skipped");
        assertEquals(1, replay.byName.get("deltaTableCommits").getCount(), "edges committed");
        assertEquals(1, CommitLog.checkpoints(engine, dir.toString()).size());
    }

    @Test
    void theLastTableIsCommittedOnlyAfterEveryOtherOne() throws Exception {
        TableWrites writes = staged("a.py", "b.py");
        long edges = version("edges");
        DeltaSinkConfig failingBeforeNodes = DeltaSinkConfig.builder(dir.toString(), DeltaSinkTest.TABLES, "app")
                .maintenance(MaintenancePolicy.disabled())
                .faults((step, checkpointId, table) -> {
                    if (step == SinkStep.BEFORE_TABLE_COMMIT && table.equals("nodes")) {
                        throw new java.io.IOException("injected failure before " + table);
                    }
                }).build();
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> commit(failingBeforeNodes, 3, writes));
        assertEquals("injected failure before nodes", e.getMessage());
        assertEquals(edges, version("edges"), "edges (last) waits for nodes");
        Counters replay = commit(3, writes);
        assertEquals(2, replay.byName.get("deltaTableCommits").getCount(), "both committed by the replay");
        assertEquals(1, CommitLog.checkpoints(engine, dir.toString()).size());
    }

    @Test
    void theDigestCoversOwnersKeysAndFilesAndNotTheirOrder() throws Exception {
        TableWrites ab = staged("a.py", "b.py");
        TableWrites reordered = new TableWrites(List.of(new Owner("r", "b.py"), new Owner("r", "a.py")), Map.of(),
                Map.of("edges", reversed(ab.files("edges")), "nodes", reversed(ab.files("nodes"))));
        assertEquals(StagedDigest.of(ab), StagedDigest.of(reordered));
        // The same owners with the same rows staged again: new files, so a different digest.
        assertNotEquals(StagedDigest.of(ab), StagedDigest.of(staged("a.py", "b.py")));
        TableWrites withKey = new TableWrites(ab.owners(), Map.of("edges", List.of("a.py->0")), ab.filesByTable());
        assertNotEquals(StagedDigest.of(ab), StagedDigest.of(withKey));
    }

    private static List<StagedFile> reversed(List<StagedFile> files) {
        List<StagedFile> out = new ArrayList<>(files);
        java.util.Collections.reverse(out);
        return out;
    }

    @Test
    void aCommitsTableWrittenBeforeTheDigestStaysUsableAndFallsBackToTheOwnerCount() throws Exception {
        String path = config().tablePath(CommitLog.TABLE);
        TableCreator.ensureCreated(engine, path, CommitLog.SPEC_WITHOUT_DIGEST);
        TableWrites ab = staged("a.py", "b.py");
        commit(1, ab);
        List<CommitLog.Checkpoint> checkpoints = CommitLog.checkpoints(engine, dir.toString());
        assertEquals(1, checkpoints.size());
        assertEquals(Map.of("edges", version("edges"), "nodes", version("nodes")), checkpoints.get(0).versions);

        // Old rows carry no digest: the same files with as many other owners pass, as before the digest.
        commit(1, new TableWrites(List.of(new Owner("r", "c.py"), new Owner("r", "d.py")), Map.of(), ab.filesByTable()));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> commit(1, new TableWrites(List.of(new Owner("r", "c.py")), Map.of(), ab.filesByTable())));
        assertEquals("checkpoint 1 of app was committed with 2 owners, but is being replayed with 1 owners;"
                + " refusing to skip different data under the same transaction id", e.getMessage());

        // Maintenance reads it with its own columns (as `codeanatomy maintain` does through specOf).
        commit(2, staged("e.py"));
        var reports = io.codeanatomy.delta.maintenance.WarehouseMaintenance.compact(engine, dir.toString(),
                List.of(CommitLog.specOf(engine, path)), io.codeanatomy.delta.kernel.FileLayout.DEFAULT, java.time.Duration.ZERO);
        assertTrue(reports.get(0).version >= 0, "the old commits table was compacted: " + reports);
        assertEquals(2, CommitLog.checkpoints(engine, dir.toString()).size());
    }

    /** The checkpoints as a full read of the commits table gives them: application, id and versions, in order. */
    private List<String> fullRead() {
        String path = config().tablePath(CommitLog.TABLE);
        var snapshot = TableManager.loadSnapshot(path).build(engine);
        TableSpec spec = CommitLog.specOf(engine, path);
        Map<String, java.util.TreeMap<String, Long>> byId = new java.util.TreeMap<>();
        for (Object[] values : io.codeanatomy.delta.kernel.TableRows.readAll(engine, snapshot, spec)) {
            var row = spec.row(values);
            byId.computeIfAbsent(row.string("application_id") + ":" + row.longValue("checkpoint_id"), k -> new java.util.TreeMap<>())
                    .put(row.string("table_name"), row.longValue("table_version"));
        }
        List<String> out = new ArrayList<>();
        byId.forEach((id, versions) -> out.add(id + " " + versions));
        return out;
    }

    /** What {@link CommitLog#checkpoints} gives equals a full read, each checkpoint once, in increasing id (here the commit order). */
    private void assertReadsAsAFullRead(String when) {
        List<String> read = read();
        assertEquals(new java.util.TreeSet<>(fullRead()), new java.util.TreeSet<>(read), when);
        assertEquals(fullRead().size(), read.size(), when + ": each checkpoint once");
        List<Long> ids = read.stream().map(l -> Long.parseLong(l.substring(l.indexOf(':') + 1, l.indexOf(' ')))).toList();
        assertEquals(ids.stream().sorted().toList(), ids, when + ": in commit order");
    }

    private List<String> read() {
        List<String> out = new ArrayList<>();
        for (CommitLog.Checkpoint c : CommitLog.checkpoints(engine, dir.toString())) {
            out.add(c.applicationId + ":" + c.checkpointId + " " + c.versions);
        }
        return out;
    }

    /**
     * The commits table gains a file per checkpoint and is read for every statement: a file read once
     * is not opened again (here deleted from the disk after its read, which a full read would fail
     * on), a compacted table's new file replaces the rows of those it compacted, and a table made anew
     * at the same path is read anew, even at the same version.
     */
    @Test
    void checkpointsAreReadFromTheFilesNotReadBefore() throws Exception {
        for (long id = 1; id <= 4; id++) {
            commit(id, staged("f" + id + ".py"));
            assertEquals(id, read().size());
            assertReadsAsAFullRead("checkpoint " + id);
        }
        Path commits = dir.resolve(CommitLog.TABLE);
        List<Path> files;
        try (var list = java.nio.file.Files.list(commits)) {
            files = list.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
        }
        assertEquals(4, files.size());
        Path readBefore = files.get(0);
        byte[] kept = java.nio.file.Files.readAllBytes(readBefore);
        java.nio.file.Files.delete(readBefore);
        commit(5, staged("f5.py"));
        assertEquals(5, read().size(), "the deleted file's rows come from the earlier read");
        java.nio.file.Files.write(readBefore, kept);

        var reports = io.codeanatomy.delta.maintenance.WarehouseMaintenance.compact(engine, dir.toString(),
                List.of(CommitLog.SPEC), io.codeanatomy.delta.kernel.FileLayout.DEFAULT, java.time.Duration.ZERO);
        assertTrue(reports.get(0).version >= 0, "the commits table was compacted: " + reports);
        commit(6, staged("f6.py"));
        assertReadsAsAFullRead("after compaction");

        // A new warehouse at the same path: its commits table reaches the version read last with other checkpoints.
        List<String> before = read();
        long versionReadLast = version(CommitLog.TABLE);
        try (var walk = java.nio.file.Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
        }
        for (long id = 11; !java.nio.file.Files.exists(dir.resolve(CommitLog.TABLE)) || version(CommitLog.TABLE) < versionReadLast; id++) {
            commit(id, staged("g" + id + ".py"));
        }
        assertEquals(versionReadLast, version(CommitLog.TABLE));
        assertReadsAsAFullRead("a new table at the same path");
        assertNotEquals(before, read());
    }
}
