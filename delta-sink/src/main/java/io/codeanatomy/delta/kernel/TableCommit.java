package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ConcurrentTransactionException;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.types.StructType;
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
import java.util.Set;

/**
 * One Delta transaction on one table: remove every row of the replaced owners and of the changed
 * primary keys, and add the staged files, atomically, under an idempotent transaction id.
 *
 * <p>A data file holding only removed rows is removed whole; one that also holds other rows is
 * rewritten without them (copy-on-write) in the same commit. Readers never see an owner half
 * replaced. A conflict with a concurrent compaction is retried on a fresh snapshot.
 */
public final class TableCommit {
    private static final Logger LOG = LoggerFactory.getLogger(TableCommit.class);
    private static final int MAX_ATTEMPTS = 5;

    private final Engine engine;
    private final String tablePath;
    private final TableSpec spec;
    private final WriterGuard guard;
    private final FileLayout layout;

    public TableCommit(Engine engine, String tablePath, TableSpec spec, WriterGuard guard) {
        this(engine, tablePath, spec, guard, FileLayout.DEFAULT);
    }

    /** @param layout how the files a copy-on-write writes are cut (owners per file) */
    public TableCommit(Engine engine, String tablePath, TableSpec spec, WriterGuard guard, FileLayout layout) {
        this.layout = layout;
        this.engine = engine;
        this.tablePath = tablePath;
        this.spec = spec;
        this.guard = guard;
    }

    public CommitOutcome commit(String appId, long txnVersion, OwnerSet owners, Set<String> keys, List<StagedFile> staged) {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            Snapshot snapshot = TableCreator.ensureCreated(engine, tablePath, spec);
            Optional<Long> done = snapshot.getLatestTransactionVersion(engine, appId);
            if (done.isPresent() && done.get() >= txnVersion) {
                return CommitOutcome.alreadyCommitted(spec.name(), attempt - 1, elapsed(start));
            }
            guard.check(snapshot.getVersion());
            try {
                CommitOutcome outcome = attempt(snapshot, appId, txnVersion, owners, keys, staged, attempt - 1, start);
                guard.committed(outcome.version);
                LOG.info("committed {}", outcome);
                return outcome;
            } catch (ConcurrentTransactionException replay) {
                return CommitOutcome.alreadyCommitted(spec.name(), attempt - 1, elapsed(start));
            } catch (ConcurrentWriteException conflict) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new IllegalStateException("commit to " + tablePath + " still conflicts after "
                            + attempt + " attempts; is another job writing this warehouse?", conflict);
                }
                LOG.warn("{}: conflict with a concurrent commit (attempt {}), re-planning: {}", spec.name(), attempt,
                        conflict.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("commit to " + tablePath + " failed", e);
            }
        }
    }

    private CommitOutcome attempt(Snapshot snapshot, String appId, long txnVersion, OwnerSet owners, Set<String> keys,
                                  List<StagedFile> staged, int retries, long start) throws IOException {
        Transaction txn = snapshot.buildUpdateTableTransaction(TableCreator.ENGINE_INFO, TableCreator.operation())
                .withTransactionId(appId, txnVersion)
                .build(engine);
        Row txnState = txn.getTransactionState(engine);
        RowRemoval removal = new RowRemoval(spec, owners, keys);
        List<Row> actions = new ArrayList<>();
        List<StagedFile> adds = new ArrayList<>(staged);
        long now = System.currentTimeMillis();
        int removed = 0;
        int rewritten = 0;
        long rewrittenBytes = 0;
        long peakRowsHeld = 0;
        if (!removal.isEmpty()) {
            Scan scan = snapshot.getScanBuilder().build();
            Row scanState = scan.getScanState(engine);
            ParquetStager stager = new ParquetStager(engine, tablePath, spec, layout);
            for (ActiveFile file : ActiveFiles.list(engine, scan, spec)) {
                if (!removal.mayTouch(file)) {
                    continue;
                }
                Optional<FileRewrite> rewrite = FileRewrite.of(engine, scanState, file, spec, removal, stager);
                if (rewrite.isEmpty()) {
                    continue; // a statistics false positive: the file holds none of the rows
                }
                actions.add(KernelInternals.removeAction(file.scanFileRow, true, now));
                removed++;
                peakRowsHeld = Math.max(peakRowsHeld, rewrite.get().peakRowsHeld);
                if (!rewrite.get().files.isEmpty()) {
                    adds.addAll(rewrite.get().files);
                    rewritten++;
                    rewrittenBytes += rewrite.get().files.stream().mapToLong(StagedFile::size).sum();
                }
            }
        }
        long addedBytes = adds.stream().mapToLong(StagedFile::size).sum();
        actions.addAll(appendActions(engine, txnState, spec, adds));
        TransactionCommitResult result = txn.commit(engine, CloseableIterable.inMemoryIterable(CloseableIterators.of(actions)));
        int hookFailures = runHooks(engine, tablePath, result);
        return new CommitOutcome(spec.name(), result.getVersion(), adds.size(), removed, rewritten, addedBytes,
                rewrittenBytes, retries, hookFailures, elapsed(start), peakRowsHeld);
    }

    static List<Row> appendActions(Engine engine, Row txnState, TableSpec spec, List<StagedFile> files) throws IOException {
        List<Row> actions = new ArrayList<>();
        if (files.isEmpty()) {
            return actions;
        }
        DataWriteContext context = Transaction.getWriteContext(engine, txnState, Map.of());
        try (CloseableIterator<Row> rows = Transaction.generateAppendActions(
                engine, txnState, CloseableIterators.of(dataFileStatuses(spec, files)), context)) {
            while (rows.hasNext()) {
                actions.add(rows.next());
            }
        }
        return actions;
    }

    static List<DataFileStatus> dataFileStatuses(TableSpec spec, List<StagedFile> files) {
        List<DataFileStatus> statuses = new ArrayList<>();
        StructType schema = TableCodecs.of(spec).deltaSchema();
        for (StagedFile f : files) {
            statuses.add(new DataFileStatus(f.path(), f.size(), f.modificationTime(),
                    DataFileStatistics.deserializeFromJson(f.statsJson(), schema)));
        }
        return statuses;
    }

    /**
     * Runs Kernel's post-commit hooks (Delta checkpoint, log cleanup); returns how many failed. The
     * commit itself is durable and a missed checkpoint is written at the next interval, so a failure
     * does not fail the commit, but repeated ones make every reader replay a growing log: they are
     * logged with the table, version and stack trace, and counted ({@code deltaPostCommitHookFailures}).
     */
    static int runHooks(Engine engine, String tablePath, TransactionCommitResult result) {
        int failures = 0;
        for (PostCommitHook hook : result.getPostCommitHooks()) {
            try {
                hook.threadSafeInvoke(engine);
            } catch (IOException | RuntimeException e) {
                failures++;
                LOG.warn("post-commit hook {} failed for {} after version {}", hook.getType(), tablePath,
                        result.getVersion(), e);
            }
        }
        return failures;
    }

    static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
