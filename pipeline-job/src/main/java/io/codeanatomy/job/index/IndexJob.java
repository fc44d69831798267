package io.codeanatomy.job.index;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TableCreator;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.sink.DeltaSink;
import io.codeanatomy.delta.sink.DeltaSinkConfig;
import io.codeanatomy.delta.sink.SinkFaults;
import io.codeanatomy.job.topology.EvidenceTopology;
import io.codeanatomy.job.warehouse.PriorPaths;
import io.codeanatomy.job.warehouse.RepoHead;
import io.codeanatomy.job.warehouse.WarehouseLinks;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.SourceRecord;
import io.codeanatomy.source.git.GitRepositories;
import io.codeanatomy.source.SnapshotSource;
import io.codeanatomy.source.split.SnapshotSplit;

import io.delta.kernel.engine.Engine;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bounded `index` job: one repository snapshot through extraction into the Delta tables.
 * Re-indexing replaces each file's rows and deletes the rows of files the snapshot no longer has,
 * so the tables always hold exactly the indexed snapshot.
 */
public final class IndexJob {
    private static final long PROGRESS_INTERVAL_MS = 2000;

    private IndexJob() {
    }

    /** The job's name in Flink. */
    public static String name(IndexSettings settings) {
        return "codeanatomy index " + settings.repoId();
    }

    /**
     * Runs on the given environment as its client, printing a progress line every 2 s: the embedded
     * command passes its own MiniCluster's, tests a shared one's.
     */
    public static IndexSummary run(StreamExecutionEnvironment env, IndexSettings settings, PrintStream progress)
            throws Exception {
        return run(env, settings, progress, SinkFaults.NONE);
    }

    /** As {@link #run(StreamExecutionEnvironment, IndexSettings, PrintStream)}, with failures injected into the sink. */
    public static IndexSummary run(StreamExecutionEnvironment env, IndexSettings settings, PrintStream progress,
                                   SinkFaults faults) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Void> tables = build(env, settings, faults);
        JobClient client = env.executeAsync(name(settings));
        try {
            tables.join();
        } catch (CompletionException e) {
            client.cancel();
            throw unwrapped(e);
        }
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        while (true) {
            try {
                JobExecutionResult done = result.get(PROGRESS_INTERVAL_MS, TimeUnit.MILLISECONDS);
                return new IndexSummary(done.getAllAccumulatorResults(), seconds(start));
            } catch (TimeoutException stillRunning) {
                if (progress != null) {
                    try {
                        Map<String, Object> acc = client.getAccumulators().get(PROGRESS_INTERVAL_MS, TimeUnit.MILLISECONDS);
                        progress.println(new IndexSummary(acc, seconds(start)).progressLine());
                    } catch (TimeoutException | RuntimeException slow) {
                        // progress is best effort; the job result is what counts
                    }
                }
            }
        }
    }

    /**
     * Adds the whole job to {@code env}; nothing runs until the environment executes it (the
     * embedded client above, or {@link io.codeanatomy.job.cluster.ClusterEntry} on a cluster).
     */
    public static void build(StreamExecutionEnvironment env, IndexSettings settings) throws Exception {
        try {
            build(env, settings, SinkFaults.NONE).join();
        } catch (CompletionException e) {
            throw unwrapped(e);
        }
    }

    /**
     * Adds the job and returns the creation of the tables that do not exist yet, which runs in the
     * background: in a fresh JVM it takes about as long as starting the MiniCluster, which it overlaps.
     * Existing tables are checked here, so a table of another schema fails before the job starts.
     * (The sink's writers create a table they find missing too; creation is idempotent.)
     */
    static CompletableFuture<Void> build(StreamExecutionEnvironment env, IndexSettings settings, SinkFaults faults)
            throws Exception {
        env.setParallelism(settings.parallelism());
        if (settings.checkpointInterval() != null) {
            // Long runs commit as they go: each checkpoint makes the files indexed so far visible.
            env.enableCheckpointing(settings.checkpointInterval().toMillis());
        }
        String root = settings.repoDir().getAbsolutePath();
        boolean git = GitRepositories.isRepository(settings.repoDir());
        String commit = git ? GitRepositories.resolveCommit(settings.repoDir(), settings.rev() == null ? "HEAD" : settings.rev())
                : null;
        String warehouse = settings.warehouse().toString();
        CompletableFuture<Void> tables;
        List<String> prior;
        long headVersion;
        if (TablePaths.isEmptyLocal(warehouse)) {
            // A new local warehouse: nothing to check or read, every table to create, and Kernel's and
            // Hadoop's first use with the creation, off this thread (the quick start's case: 0.1-0.2 s
            // of its critical path, docs/speed.md session 27).
            tables = CompletableFuture.runAsync(() -> create(EngineFactory.create(), warehouse, CpgSchema.TABLES.tables()),
                    IndexJob::daemon);
            prior = List.of();
            headVersion = 1L;
        } else {
            Engine engine = EngineFactory.create();
            List<TableSpec> missing = TableCreator.checkExisting(engine, warehouse, CpgSchema.TABLES);
            tables = missing.isEmpty() ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(() -> create(engine, warehouse, missing), IndexJob::daemon);
            prior = PriorPaths.of(warehouse, settings.repoId());
            // The same commit again keeps its version: re-indexing it gives the same rows.
            headVersion = RepoHead.of(warehouse, settings.repoId())
                    .map(h -> h.commit != null && h.commit.equals(commit) ? h.version : h.version + 1).orElse(1L);
        }
        SnapshotSplit split = new SnapshotSplit(settings.repoId(), root, commit, prior, 0, headVersion);

        DataStream<SourceRecord> changes = env
                .fromSource(new SnapshotSource(List.of(split), settings.selector()), WatermarkStrategy.noWatermarks(),
                        "snapshot-source")
                .uid("snapshot-source")
                .setParallelism(1);
        DataStream<OwnedRows> rows = EvidenceTopology.rows(changes, settings.layers(),
                new WarehouseLinks(settings.warehouse().toString()));
        // A fresh application id per run: this run's checkpoint ids are its Delta transaction versions.
        String applicationId = "codeanatomy-index-" + UUID.randomUUID();
        rows.sinkTo(new DeltaSink(DeltaSinkConfig.builder(warehouse, CpgSchema.TABLES, applicationId)
                        .faults(faults).build()))
                .uid("delta-sink")
                .name("delta-sink");
        return tables;
    }

    private static void create(Engine engine, String warehouse, List<TableSpec> specs) {
        specs.forEach(spec -> TableCreator.ensureCreated(engine, TablePaths.tablePath(warehouse, spec.name()), spec));
    }

    private static void daemon(Runnable task) {
        Thread t = new Thread(task, "codeanatomy-create-tables");
        t.setDaemon(true);
        t.start();
    }

    private static Exception unwrapped(CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            return runtime; // a damaged or foreign table names itself (UnreadableTableException)
        }
        return cause instanceof Exception checked ? checked : e;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
