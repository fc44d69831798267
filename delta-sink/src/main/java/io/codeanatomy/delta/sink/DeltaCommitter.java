package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.CommitFiles;
import io.codeanatomy.delta.kernel.CommitOutcome;
import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.OwnerSet;
import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.kernel.TableCommit;
import io.codeanatomy.delta.kernel.TableVersions;
import io.codeanatomy.delta.kernel.WriterGuard;
import io.codeanatomy.delta.maintenance.MaintenancePolicy;
import io.codeanatomy.delta.maintenance.WarehouseMaintenance;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.engine.Engine;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * Commits each checkpoint's committable as one Delta transaction per table with transaction id
 * (application id, checkpoint id), then records the versions in the {@code commits} table. A table
 * that already holds that id is skipped, so a replay after a failure between two tables' commits
 * completes the rest without writing anything twice.
 *
 * <p>The tables are independent Delta logs, so all but the last are committed side by side (a
 * checkpoint's commit is most of the end of a small run, and of a watched commit's latency); the last
 * ({@code repo_heads}, which says which commit the tables hold) only after every other one succeeded.
 */
final class DeltaCommitter implements Committer<DeltaCommittable> {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaCommitter.class);

    private final DeltaSinkConfig config;
    private final Engine engine;
    private final Map<String, WriterGuard> guards = new HashMap<>();
    private final Counter commits;
    private final Counter replays;
    private final Counter retries;
    private final Counter hookFailures;
    private final Counter rewrittenBytes;
    private volatile long lastCommitMillis;
    private long commitCount;
    private TablePool tablePool;

    DeltaCommitter(DeltaSinkConfig config, MetricGroup metrics) {
        this.config = config;
        this.engine = EngineFactory.create(config.targetFileBytes());
        this.commits = metrics.counter("deltaTableCommits");
        this.replays = metrics.counter("deltaTableCommitsAlreadyDone");
        this.retries = metrics.counter("deltaCommitRetries");
        this.hookFailures = metrics.counter("deltaPostCommitHookFailures");
        this.rewrittenBytes = metrics.counter("deltaBytesRewritten");
        metrics.gauge("deltaLastCheckpointCommitMillis", () -> lastCommitMillis);
    }

    private WriterGuard guard(String table, String applicationId) {
        return guards.computeIfAbsent(table + "\u0000" + applicationId,
                k -> new WriterGuard(config.tablePath(table), applicationId));
    }

    @Override
    public void commit(Collection<CommitRequest<DeltaCommittable>> requests) throws IOException {
        List<CommitRequest<DeltaCommittable>> ordered = new ArrayList<>(requests);
        ordered.sort(Comparator.comparingLong(r -> r.getCommittable().checkpointId()));
        for (CommitRequest<DeltaCommittable> request : ordered) {
            commit(request.getCommittable());
        }
    }

    private void commit(DeltaCommittable committable) throws IOException {
        // A test-only fault makes every commit look new to Delta (see SinkFaults.ignoreTransactionIds).
        String appId = config.faults().ignoreTransactionIds()
                ? committable.applicationId() + "/ignoring-txn-" + UUID.randomUUID() : committable.applicationId();
        long checkpointId = committable.checkpointId();
        TableWrites writes = committable.writes();
        OwnerSet owners = new OwnerSet(writes.owners());
        long start = System.nanoTime();
        List<TableSpec> tables = config.tables().tables();
        List<WriterGuard> tableGuards = tables.stream().map(spec -> guard(spec.name(), appId)).toList();
        List<Future<CommitLog.Entry>> firsts = new ArrayList<>();
        for (int t = 0; t < tables.size() - 1; t++) {
            TableSpec spec = tables.get(t);
            WriterGuard guard = tableGuards.get(t);
            firsts.add(tablePool().submit(() -> {
                CommitLog.Entry entry = commitTable(spec, guard, appId, checkpointId, owners, writes);
                config.faults().at(SinkStep.BETWEEN_TABLE_COMMITS, checkpointId, spec.name());
                return entry;
            }));
        }
        List<CommitLog.Entry> entries = TablePool.joinInOrder(firsts);
        int last = tables.size() - 1;
        entries.add(commitTable(tables.get(last), tableGuards.get(last), appId, checkpointId, owners, writes));
        for (CommitLog.Entry entry : entries) {
            (entry.outcome.alreadyCommitted() ? replays : commits).inc();
            retries.inc(entry.outcome.retries);
            hookFailures.inc(entry.outcome.hookFailures);
            rewrittenBytes.inc(entry.outcome.rewrittenBytes);
        }
        new CommitLog(engine, config.tablePath(CommitLog.TABLE), guard(CommitLog.TABLE, appId))
                .record(appId, checkpointId, owners.size(), StagedDigest.of(writes), entries);
        lastCommitMillis = (System.nanoTime() - start) / 1_000_000;
        long replayed = entries.stream().filter(e -> e.outcome.alreadyCommitted()).count();
        if (replayed > 0) {
            LOG.info("checkpoint {} of {} is a replay: {} of {} tables already held its transaction id and were skipped",
                    checkpointId, appId, replayed, entries.size());
        }
        LOG.info("checkpoint {} of {} committed: {} owners replaced across {} tables in {} ms", checkpointId, appId,
                owners.size(), config.tables().size(), lastCommitMillis);
        config.faults().at(SinkStep.AFTER_COMMIT, checkpointId, "");
        maintain();
    }

    private CommitLog.Entry commitTable(TableSpec spec, WriterGuard guard, String appId, long checkpointId,
                                        OwnerSet owners, TableWrites writes) throws IOException {
        config.faults().at(SinkStep.BEFORE_TABLE_COMMIT, checkpointId, spec.name());
        String path = config.tablePath(spec.name());
        CommitOutcome outcome = new TableCommit(engine, path, spec, guard, config.layout())
                .commit(appId, checkpointId, owners, writes.keys(spec.name()), writes.files(spec.name()));
        long version = outcome.alreadyCommitted()
                ? TableVersions.ofTransaction(engine, path, appId, checkpointId) : outcome.version;
        if (outcome.alreadyCommitted()) {
            verifyTableReplay(path, spec.name(), version, appId, checkpointId, writes.files(spec.name()));
        }
        return new CommitLog.Entry(spec.name(), version, outcome);
    }

    private TablePool tablePool() {
        if (tablePool == null) {
            tablePool = new TablePool(config.tables().size() - 1);
        }
        return tablePool;
    }

    /**
     * A table skipped as a replay must have been given, under this id, the very files this replay
     * staged: a replay restored from Flink's state carries the same file paths. This catches
     * different data under a reused id in a table committed before a failure between two tables'
     * commits, where the {@code commits} row (and its digest) does not exist yet.
     */
    private static void verifyTableReplay(String tablePath, String table, long version, String appId,
                                          long checkpointId, List<StagedFile> staged) throws IOException {
        Set<String> added = new HashSet<>();
        try {
            for (JsonNode action : CommitFiles.actions(tablePath, version)) {
                if (action.has("add")) {
                    added.add(fileName(action.get("add").path("path").asText()));
                }
            }
        } catch (FileNotFoundException cleanedUp) {
            // Log cleanup removed that commit (older than the log retention); the commits digest still applies.
            LOG.warn("{}: version {} holding checkpoint {} of {} is no longer in the log; its files are not compared",
                    table, version, checkpointId, appId);
            return;
        }
        for (StagedFile file : staged) {
            if (!added.contains(fileName(file.path()))) {
                throw new IllegalStateException("checkpoint " + checkpointId + " of " + appId + " was committed to "
                        + table + " at version " + version + " without the staged file " + file.path()
                        + " this replay carries; refusing to skip different data under the same transaction id");
            }
        }
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The automatic policy: compaction and vacuum every so many checkpoint commits. */
    private void maintain() {
        commitCount++;
        MaintenancePolicy policy = config.maintenance();
        boolean compact = policy.compactEvery > 0 && commitCount % policy.compactEvery == 0;
        boolean vacuum = policy.vacuumEvery > 0 && commitCount % policy.vacuumEvery == 0;
        if (!compact && !vacuum) {
            return;
        }
        List<TableSpec> tables = CommitLog.withCommitsTable(engine, config.warehouse(), config.tables());
        if (compact) {
            WarehouseMaintenance.compact(engine, config.warehouse(), tables, config.layout(), policy.hotAge);
        }
        if (vacuum) {
            WarehouseMaintenance.vacuum(engine, config.warehouse(), tables, policy.retention);
        }
    }

    @Override
    public void close() {
        if (tablePool != null) {
            tablePool.close();
        }
    }
}
