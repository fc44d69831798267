package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.CommitOutcome;
import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.OwnerReplaceCommit;
import io.codeanatomy.delta.kernel.OwnerSet;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.engine.Engine;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Commits each checkpoint's committable as one Delta transaction per table, with transaction id
 * (application id, checkpoint id). A table that already holds that id is skipped, so a replay after
 * a failure between two tables' commits completes the rest without writing anything twice.
 */
final class DeltaCommitter implements Committer<DeltaCommittable> {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaCommitter.class);

    private final DeltaSinkConfig config;
    private final Engine engine;
    private final Counter commits;
    private final Counter replays;
    private final AtomicLong lastCommitMillis = new AtomicLong();

    DeltaCommitter(DeltaSinkConfig config, MetricGroup metrics) {
        this.config = config;
        this.engine = EngineFactory.create();
        this.commits = metrics.counter("deltaCommits");
        this.replays = metrics.counter("deltaCommitsAlreadyDone");
        metrics.gauge("deltaLastCommitMillis", lastCommitMillis::get);
    }

    @Override
    public void commit(Collection<CommitRequest<DeltaCommittable>> requests) throws IOException {
        List<CommitRequest<DeltaCommittable>> ordered = new ArrayList<>(requests);
        ordered.sort(Comparator.comparingLong(r -> r.getCommittable().checkpointId()));
        for (CommitRequest<DeltaCommittable> request : ordered) {
            DeltaCommittable committable = request.getCommittable();
            OwnerSet owners = new OwnerSet(committable.writes().owners());
            long start = System.nanoTime();
            for (TableSpec spec : config.tables().tables()) {
                CommitOutcome outcome = new OwnerReplaceCommit(engine, config.tablePath(spec.name()), spec)
                        .commit(config.applicationId(), committable.checkpointId(), owners,
                                committable.writes().files(spec.name()));
                if (outcome.alreadyCommitted()) {
                    replays.inc();
                } else {
                    commits.inc();
                }
            }
            lastCommitMillis.set((System.nanoTime() - start) / 1_000_000);
            LOG.info("checkpoint {} committed: {} owners replaced across {} tables in {} ms",
                    committable.checkpointId(), owners.size(), config.tables().size(), lastCommitMillis.get());
        }
    }

    @Override
    public void close() {
    }
}
