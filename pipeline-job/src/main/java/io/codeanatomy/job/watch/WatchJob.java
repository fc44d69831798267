package io.codeanatomy.job.watch;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TableCreator;
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
import io.codeanatomy.source.GitChangeSource;
import io.codeanatomy.source.split.PriorPath;
import io.codeanatomy.source.split.RepoSplit;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The unbounded `watch` job: each repository's branch is indexed from the commit the warehouse
 * holds (its repo_heads row; everything when there is none) to the current head, then every new
 * commit, until the job is stopped. The warehouse is the durable progress: a new run resumes where
 * the last committed one stopped, with or without Flink state.
 */
public final class WatchJob {
    private WatchJob() {
    }

    /** The job's name in Flink. */
    public static String name(WatchSettings settings) {
        return "codeanatomy watch " + settings.repos().size() + " repositories";
    }

    /** Builds the job on {@code env} and submits it, for a client that stays with it (the embedded command, tests). */
    public static JobClient start(StreamExecutionEnvironment env, WatchSettings settings) throws Exception {
        return start(env, settings, SinkFaults.NONE);
    }

    /** As {@link #start(StreamExecutionEnvironment, WatchSettings)}, with failures injected into the sink. */
    public static JobClient start(StreamExecutionEnvironment env, WatchSettings settings, SinkFaults faults) throws Exception {
        build(env, settings, faults);
        return env.executeAsync(name(settings));
    }

    /**
     * Adds the whole job to {@code env}; nothing runs until the environment executes it (the
     * embedded command, or {@link io.codeanatomy.job.cluster.ClusterEntry} on a cluster).
     */
    public static void build(StreamExecutionEnvironment env, WatchSettings settings) throws Exception {
        build(env, settings, SinkFaults.NONE);
    }

    static void build(StreamExecutionEnvironment env, WatchSettings settings, SinkFaults faults) throws Exception {
        env.setParallelism(settings.parallelism());
        env.enableCheckpointing(settings.checkpointInterval().toMillis());
        String warehouse = settings.warehouse().toString();
        TableCreator.ensureAll(EngineFactory.create(), warehouse, CpgSchema.TABLES);
        List<RepoSplit> splits = new ArrayList<>();
        for (WatchedRepo repo : settings.repos()) {
            Optional<RepoHead> head = RepoHead.of(warehouse, repo.repoId());
            String indexed = head.map(h -> h.commit).orElse(null);
            // Every path the tables hold, with its commit: the reader checks them against the held
            // head's tree, and the head's files against them (a file without rows is re-read too).
            List<PriorPath> prior = PriorPaths.withCommits(warehouse, repo.repoId());
            splits.add(RepoSplit.start(repo.repoId(), repo.dir().getAbsolutePath(), repo.branch(), indexed,
                    head.map(h -> h.version).orElse(0L), prior));
        }
        DataStream<SourceRecord> changes = env
                .fromSource(new GitChangeSource(splits, settings.selector(), settings.poll()), WatermarkStrategy.noWatermarks(),
                        "git-change-source")
                .uid("git-change-source")
                .setParallelism(Math.min(settings.repos().size(), settings.parallelism()));
        DataStream<OwnedRows> rows = EvidenceTopology.rows(changes, settings.layers(),
                new WarehouseLinks(settings.warehouse().toString()));
        // A fresh application id per run: the warehouse, not Flink state, carries progress between runs,
        // and within a run a restore replays under the id its committables carry.
        String applicationId = "codeanatomy-watch-" + UUID.randomUUID();
        rows.sinkTo(new DeltaSink(DeltaSinkConfig.builder(warehouse, CpgSchema.TABLES, applicationId).faults(faults).build()))
                .uid("delta-sink")
                .name("delta-sink");
    }
}
