package io.codeanatomy.job;

import io.codeanatomy.delta.sink.CommitLog;
import io.codeanatomy.delta.sink.SinkFaults;
import io.codeanatomy.delta.sink.SinkStep;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.source.FileSelector;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly once under failure: the index job with 100 ms checkpoints fails once at each step of the
 * sink's two-phase commit, Flink restarts it from the last checkpoint, and every table must equal
 * the tables of a failure-free run, row for row.
 */
class SinkFailureTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Failures seen per test, shared by the copies Flink deserializes inside this JVM. */
    static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

    @TempDir
    static Path tmp;
    static StdlibRepo repo;
    static Map<String, List<String>> failureFree;

    /** Fails the first time the step is reached, then lets the restarted job run. */
    static final class FailOnce implements SinkFaults {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final SinkStep step;

        FailOnce(String id, SinkStep step) {
            this.id = id;
            this.step = step;
        }

        @Override
        public void at(SinkStep reached, long checkpointId, String detail) throws IOException {
            if (reached == step && FAILURES.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == 1) {
                throw new IOException("injected failure " + step + " at checkpoint " + checkpointId + " " + detail);
            }
        }
    }

    private static void index(Path warehouse, SinkFaults faults) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        IndexSettings settings = new IndexSettings(repo.dir.toFile(), "stdlib", null, warehouse.toFile(),
                FileSelector.defaults(), 2, Duration.ofMillis(100));
        IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(conf), settings, null, faults);
    }

    @BeforeAll
    static void failureFreeRun() throws Exception {
        // Enough real code (about 2 MB) that 100 ms checkpoints land while files are still flowing.
        repo = StdlibRepo.create(tmp.resolve("repo"), StdlibRepo.filesUnder("email", "json", "asyncio", "logging", "http"));
        repo.commit("real stdlib files");
        index(tmp.resolve("failure-free"), SinkFaults.NONE);
        failureFree = WarehouseRows.read(tmp.resolve("failure-free")).canonical();
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
        java.util.concurrent.atomic.AtomicInteger compactions = new java.util.concurrent.atomic.AtomicInteger();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread maintainer = new Thread(() -> {
            io.delta.kernel.engine.Engine engine = io.codeanatomy.delta.kernel.EngineFactory.create();
            List<io.codeanatomy.delta.schema.TableSpec> tables = new java.util.ArrayList<>(
                    io.codeanatomy.schema.CpgSchema.TABLES.tables());
            tables.add(CommitLog.SPEC);
            while (running.get()) {
                try {
                    for (var r : io.codeanatomy.delta.maintenance.WarehouseMaintenance.compact(engine, warehouse.toString(),
                            tables, 64L << 20, 2)) {
                        if (r.version >= 0) {
                            compactions.incrementAndGet();
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
        assertTrue(compactions.get() >= 1, "compaction committed while the job was writing");
        assertEquals(failureFree, WarehouseRows.read(warehouse).canonical());
    }

    @ParameterizedTest
    @EnumSource(SinkStep.class)
    void restartFromTheLastCheckpointLosesAndRepeatsNothing(SinkStep step) throws Exception {
        Path warehouse = tmp.resolve("failing-" + step);
        index(warehouse, new FailOnce(step.name(), step));
        assertTrue(FAILURES.get(step.name()).get() >= 1, "the failure was injected");
        assertTrue(checkpointsCommitted(warehouse).size() >= 1);
        Map<String, List<String>> rows = WarehouseRows.read(warehouse).canonical();
        assertEquals(failureFree.keySet(), rows.keySet());
        for (String table : failureFree.keySet()) {
            assertEquals(failureFree.get(table).size(), rows.get(table).size(), table + " row count");
            assertEquals(failureFree.get(table), rows.get(table), table + " rows");
        }
    }
}
