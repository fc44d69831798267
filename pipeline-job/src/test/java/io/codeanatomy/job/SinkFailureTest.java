package io.codeanatomy.job;

import io.codeanatomy.delta.sink.CommitLog;
import io.codeanatomy.delta.sink.SinkFaults;
import io.codeanatomy.delta.sink.SinkStep;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.source.FileSelector;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly once under failure: the index job with 100 ms checkpoints fails once at each step of the
 * sink's two-phase commit, in its first or its second checkpoint, and Flink restarts it from the
 * last checkpoint. Every table must equal the tables of a failure-free run, row for row; the Delta
 * logs must hold every transaction id and every staged file at most once ({@link DeltaLogAudit});
 * and where the failure follows a commit, the committer must have recognised the replay
 * ({@code deltaTableCommitsAlreadyDone}). A committer broken on purpose must fail the audit.
 */
class SinkFailureTest {
    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .setConfiguration(REPORTER.addToConfiguration(new Configuration())).build());

    /** Failures seen per test, shared by the copies Flink deserializes inside this JVM. */
    static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

    @TempDir
    static Path tmp;
    static StdlibRepo repo;
    static Map<String, List<String>> failureFree;

    /**
     * Fails once, the first time the step is reached in the {@code nth} distinct checkpoint that
     * reaches it (for writers' staging, the nth non-empty staging), then lets the restarted job run. The second checkpoint makes the restart come from
     * a checkpoint that already holds sink data, which the first may not.
     */
    static final class FailAt implements SinkFaults {
        private static final long serialVersionUID = 1L;
        private static final Map<String, java.util.Set<Long>> SEEN = new ConcurrentHashMap<>();
        private static final Map<String, AtomicInteger> POINTS = new ConcurrentHashMap<>();
        private final String id;
        private final SinkStep step;
        private final int nth;
        private final boolean ignoreTransactionIds;

        FailAt(String id, SinkStep step, int nth, boolean ignoreTransactionIds) {
            this.id = id;
            this.step = step;
            this.nth = nth;
            this.ignoreTransactionIds = ignoreTransactionIds;
        }

        @Override
        public void at(SinkStep reached, long checkpointId, String detail) throws IOException {
            if (reached != step) {
                return;
            }
            // Writers stage without knowing the checkpoint id (-1): there each staging is a new point.
            boolean newPoint = checkpointId < 0 || SEEN.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(checkpointId);
            if (newPoint && POINTS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == nth
                    && FAILURES.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == 1) {
                throw new IOException("injected failure " + step + " at checkpoint " + checkpointId + " " + detail);
            }
        }

        @Override
        public boolean ignoreTransactionIds() {
            return ignoreTransactionIds;
        }
    }

    /** Runs the index job; returns the replays its committer recognised, read from the metric reporter. */
    private static long index(Path warehouse, SinkFaults faults) throws Exception {
        java.util.Set<MetricGroup> before = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        before.addAll(REPORTER.getMetricsByGroup().keySet());
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        IndexSettings settings = new IndexSettings(repo.dir.toFile(), "stdlib", null, warehouse.toFile(),
                FileSelector.defaults(), 2, Duration.ofMillis(100));
        IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(conf), settings, null, faults);
        // The tests of this class run one job at a time: groups registered since the start are this
        // job's, one per task attempt (retained after a failover), so their sum covers every attempt.
        long replays = 0;
        for (Map.Entry<MetricGroup, Map<String, Metric>> group : REPORTER.getMetricsByGroup().entrySet()) {
            if (!before.contains(group.getKey()) && group.getValue().get("deltaTableCommitsAlreadyDone") instanceof Counter c) {
                replays += c.getCount();
            }
        }
        return replays;
    }

    @BeforeAll
    static void failureFreeRun() throws Exception {
        // Enough real code (about 2 MB) that 100 ms checkpoints land while files are still flowing.
        repo = StdlibRepo.create(tmp.resolve("repo"), StdlibRepo.filesUnder("email", "json", "asyncio", "logging", "http"));
        repo.commit("real stdlib files");
        assertEquals(0, index(tmp.resolve("failure-free"), SinkFaults.NONE), "no replay without a failure");
        failureFree = WarehouseRows.read(tmp.resolve("failure-free")).canonical();
        DeltaLogAudit audit = DeltaLogAudit.of(tmp.resolve("failure-free"));
        assertEquals(List.of(), audit.violations);
        assertTrue(audit.transactions > 0, "the audit saw the job's transactions");
        assertTrue(checkpointsCommitted(tmp.resolve("failure-free")).size() >= 2,
                "the run must commit several checkpoints for failures to land mid-stream");
    }

    /** Distinct checkpoints in the commits table; fails on a (checkpoint, table) recorded twice. */
    static java.util.Set<Long> checkpointsCommitted(Path warehouse) {
        io.delta.kernel.engine.Engine engine = io.codeanatomy.delta.kernel.EngineFactory.create();
        String path = io.codeanatomy.delta.kernel.TablePaths.tablePath(warehouse.toString(), CommitLog.TABLE);
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Set<Long> checkpoints = new java.util.TreeSet<>();
        for (Object[] row : io.codeanatomy.delta.kernel.TableRows.readAll(engine,
                io.delta.kernel.TableManager.loadSnapshot(path).build(engine), CommitLog.SPEC)) {
            assertTrue(seen.add(CommitLog.SPEC.keyOf(row)), "checkpoint recorded twice: " + java.util.Arrays.toString(row));
            checkpoints.add(CommitLog.SPEC.row(row).longValue("checkpoint_id"));
        }
        return checkpoints;
    }

    @org.junit.jupiter.api.Test
    void compactionAndVacuumWhileTheJobCommitsChangeNoRow() throws Exception {
        Path warehouse = tmp.resolve("maintained");
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<io.codeanatomy.delta.maintenance.MaintenanceReport> compactions = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread maintainer = new Thread(() -> {
            io.delta.kernel.engine.Engine engine = io.codeanatomy.delta.kernel.EngineFactory.create();
            List<io.codeanatomy.delta.schema.TableSpec> tables = new java.util.ArrayList<>(
                    io.codeanatomy.schema.CpgSchema.TABLES.tables());
            tables.add(CommitLog.SPEC);
            while (running.get()) {
                try {
                    for (var r : io.codeanatomy.delta.maintenance.WarehouseMaintenance.compact(engine, warehouse.toString(),
                            tables, io.codeanatomy.delta.kernel.FileLayout.DEFAULT, java.time.Duration.ZERO)) {
                        if (r.version >= 0) {
                            compactions.add(r);
                        }
                    }
                    io.codeanatomy.delta.maintenance.WarehouseMaintenance.vacuum(engine, warehouse.toString(), tables,
                            Duration.ofHours(1));
                } catch (Throwable t) {
                    errors.add(t);
                }
            }
        }, "maintainer");
        maintainer.start();
        try {
            index(warehouse, SinkFaults.NONE);
        } finally {
            running.set(false);
            maintainer.join();
        }
        assertEquals(List.of(), errors, "maintenance ran without errors");
        assertEquals(failureFree, WarehouseRows.read(warehouse).canonical());
        DeltaLogAudit audit = DeltaLogAudit.of(warehouse);
        assertEquals(List.of(), audit.violations, "compaction commits add no data");
        // The race is real only if a compaction landed between two of the job's commits of its table
        // (the loop also compacts after index() returned, which proves nothing).
        List<String> interleaved = new java.util.ArrayList<>();
        for (var c : compactions) {
            java.util.TreeSet<Long> job = audit.transactionVersions.getOrDefault(c.table, new java.util.TreeSet<>());
            assertTrue(!job.contains(c.version), c.table + " version " + c.version + " is a compaction, not a job commit");
            if (job.lower(c.version) != null && job.higher(c.version) != null) {
                interleaved.add(c.table + "@" + c.version);
            }
        }
        assertTrue(!interleaved.isEmpty(), "no compaction committed between two job commits of its table: compactions "
                + compactions.stream().map(c -> c.table + "@" + c.version).toList() + ", job commits " + audit.transactionVersions);
    }

    static Stream<Arguments> failurePoints() {
        return Stream.of(SinkStep.values()).flatMap(step -> Stream.of(Arguments.of(step, 1), Arguments.of(step, 2)));
    }

    @ParameterizedTest(name = "{0} in checkpoint {1}")
    @MethodSource("failurePoints")
    void restartFromTheLastCheckpointLosesAndRepeatsNothing(SinkStep step, int nth) throws Exception {
        String id = step + "-" + nth;
        Path warehouse = tmp.resolve("failing-" + id);
        long replays = index(warehouse, new FailAt(id, step, nth, false));
        assertTrue(FAILURES.get(id).get() >= 1, "the failure was injected");
        assertTrue(checkpointsCommitted(warehouse).size() >= 1);
        Map<String, List<String>> rows = WarehouseRows.read(warehouse).canonical();
        assertEquals(failureFree.keySet(), rows.keySet());
        for (String table : failureFree.keySet()) {
            assertEquals(failureFree.get(table).size(), rows.get(table).size(), table + " row count");
            assertEquals(failureFree.get(table), rows.get(table), table + " rows");
        }
        assertEquals(List.of(), DeltaLogAudit.of(warehouse).violations, "at most once per table, in the Delta logs");
        if (step == SinkStep.BETWEEN_TABLE_COMMITS || step == SinkStep.AFTER_COMMIT) {
            // The restored committer gets the committed checkpoint again: it must have skipped it.
            assertTrue(replays > 0, "the replay of the committed checkpoint was recognised");
        }
    }

    /** The audit can fail: a committer that ignores transaction ids commits the replay a second time. */
    @org.junit.jupiter.api.Test
    void aCommitterThatIgnoresTransactionIdsFailsTheAudit() throws Exception {
        Path warehouse = tmp.resolve("broken-committer");
        long replays = index(warehouse, new FailAt("broken", SinkStep.AFTER_COMMIT, 1, true));
        assertEquals(1, FAILURES.get("broken").get(), "the failure was injected");
        assertEquals(0, replays, "nothing recognised as a replay");
        List<String> violations = DeltaLogAudit.of(warehouse).violations;
        assertTrue(violations.stream().anyMatch(v -> v.contains(" added at versions ")),
                "the re-committed checkpoint adds its staged files again: " + violations);
    }
}
