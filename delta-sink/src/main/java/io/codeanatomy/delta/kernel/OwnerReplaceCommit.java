package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ConcurrentTransactionException;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Delta transaction on one table: remove every row of the replaced owners and add the staged
 * files, atomically, under an idempotent transaction id.
 *
 * <p>A data file holding only replaced owners is removed whole; one that also holds other owners'
 * rows is rewritten without the replaced rows (copy-on-write) and the rewrite is added in the same
 * commit. Readers therefore never see an owner half replaced.
 */
public final class OwnerReplaceCommit {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerReplaceCommit.class);

    private final Engine engine;
    private final String tablePath;
    private final TableSpec spec;

    public OwnerReplaceCommit(Engine engine, String tablePath, TableSpec spec) {
        this.engine = engine;
        this.tablePath = tablePath;
        this.spec = spec;
    }

    public CommitOutcome commit(String appId, long txnVersion, OwnerSet owners, List<StagedFile> staged) {
        long start = System.nanoTime();
        Snapshot snapshot = TableCreator.ensureCreated(engine, tablePath, spec);
        Optional<Long> done = snapshot.getLatestTransactionVersion(engine, appId);
        if (done.isPresent() && done.get() >= txnVersion) {
            return CommitOutcome.alreadyCommitted(spec.name(), elapsed(start));
        }
        try {
            Transaction txn = snapshot.buildUpdateTableTransaction(TableCreator.ENGINE_INFO, TableCreator.operation())
                    .withTransactionId(appId, txnVersion)
                    .build(engine);
            Row txnState = txn.getTransactionState(engine);
            List<Row> actions = new ArrayList<>();
            long now = System.currentTimeMillis();
            int removed = 0;
            int rewritten = 0;
            long rewrittenBytes = 0;
            List<StagedFile> adds = new ArrayList<>(staged);
            if (!owners.isEmpty()) {
                Scan scan = snapshot.getScanBuilder().build();
                Row scanState = scan.getScanState(engine);
                for (ActiveFile file : candidates(scan, owners)) {
                    List<Object[]> kept = new ArrayList<>();
                    boolean[] touched = {false};
                    TableRows.readFile(engine, scanState, file.scanFileRow, spec, row -> {
                        if (owners.contains((String) row[spec.repoIndex()], (String) row[spec.pathIndex()])) {
                            touched[0] = true;
                        } else {
                            kept.add(row);
                        }
                    });
                    if (!touched[0]) {
                        continue; // a statistics false positive: the file holds none of the owners
                    }
                    actions.add(KernelInternals.removeAction(file.scanFileRow, true, now));
                    removed++;
                    if (!kept.isEmpty()) {
                        List<StagedFile> rewrite = new ParquetStager(engine, tablePath, spec).stage(kept);
                        adds.addAll(rewrite);
                        rewritten++;
                        rewrittenBytes += rewrite.stream().mapToLong(StagedFile::size).sum();
                    }
                }
            }
            long addedBytes = 0;
            for (StagedFile f : adds) {
                addedBytes += f.size();
            }
            actions.addAll(appendActions(txnState, adds));
            if (actions.isEmpty()) {
                // Nothing changed, but the transaction id is still recorded so a replay is recognised.
                LOG.debug("{}: empty commit for txn {}/{}", spec.name(), appId, txnVersion);
            }
            TransactionCommitResult result = txn.commit(engine, CloseableIterable.inMemoryIterable(
                    toCloseable(actions)));
            runHooks(result);
            CommitOutcome outcome = new CommitOutcome(spec.name(), result.getVersion(), adds.size(), removed,
                    rewritten, addedBytes, rewrittenBytes, elapsed(start));
            LOG.info("committed {}", outcome);
            return outcome;
        } catch (ConcurrentTransactionException replay) {
            return CommitOutcome.alreadyCommitted(spec.name(), elapsed(start));
        } catch (IOException e) {
            throw new UncheckedIOException("commit to " + tablePath + " failed", e);
        }
    }

    private List<ActiveFile> candidates(Scan scan, OwnerSet owners) throws IOException {
        List<ActiveFile> out = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine, true)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> rows = files.next().getRows()) {
                    while (rows.hasNext()) {
                        Row scanFile = rows.next();
                        Optional<OwnerRange> range = KernelInternals.statsJson(scanFile)
                                .flatMap(json -> OwnerRange.fromStats(json, spec));
                        if (range.isEmpty() || range.get().mayContainAny(owners)) {
                            out.add(new ActiveFile(scanFile, KernelInternals.relativePath(scanFile),
                                    KernelInternals.fileStatus(scanFile).getSize(), range));
                        }
                    }
                }
            }
        }
        return out;
    }

    private List<Row> appendActions(Row txnState, List<StagedFile> files) throws IOException {
        List<Row> actions = new ArrayList<>();
        if (files.isEmpty()) {
            return actions;
        }
        DataWriteContext context = Transaction.getWriteContext(engine, txnState, Map.of());
        List<DataFileStatus> statuses = new ArrayList<>();
        for (StagedFile f : files) {
            statuses.add(new DataFileStatus(f.path(), f.size(), f.modificationTime(),
                    DataFileStatistics.deserializeFromJson(f.statsJson(), spec.deltaSchema())));
        }
        try (CloseableIterator<Row> rows = Transaction.generateAppendActions(
                engine, txnState, CloseableIterators.of(statuses), context)) {
            while (rows.hasNext()) {
                actions.add(rows.next());
            }
        }
        return actions;
    }

    private void runHooks(TransactionCommitResult result) {
        for (PostCommitHook hook : result.getPostCommitHooks()) {
            try {
                hook.threadSafeInvoke(engine);
            } catch (IOException | RuntimeException e) {
                // The commit itself is durable; a missed checkpoint is retried at the next interval.
                LOG.warn("{}: post-commit hook {} failed after version {}: {}", spec.name(), hook.getType(),
                        result.getVersion(), e.toString());
            }
        }
    }

    private static CloseableIterator<Row> toCloseable(List<Row> rows) {
        return CloseableIterators.of(rows);
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
