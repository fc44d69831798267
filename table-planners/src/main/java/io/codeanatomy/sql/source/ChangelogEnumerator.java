package io.codeanatomy.sql.source;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.PinnedSnapshot;
import io.codeanatomy.delta.sink.CommitLog;

import io.delta.kernel.engine.Engine;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A table as a changelog: the splits of its pinned snapshot first, then, polling the warehouse's
 * {@code commits} table, one change split per later version a checkpoint committed (never a version
 * no checkpoint recorded: a half-committed checkpoint, or a compaction, which is folded into the next
 * change and, changing no row, emits nothing). Changes are planned in version order and handed out in
 * that order (all to one reader, so a key's changes stay in order).
 */
final class ChangelogEnumerator implements SplitEnumerator<DeltaSplit, PendingSplits> {
    private static final Logger LOG = LoggerFactory.getLogger(ChangelogEnumerator.class);

    /** What one discovery found: change splits in order, and the last version they reach. */
    private record Discovered(List<DeltaSplit> splits, long upTo) {
    }

    private final SplitEnumeratorContext<DeltaSplit> context;
    private final String warehouse;
    private final String table;
    private final String tablePath;
    private final long pollMillis;
    private final Deque<DeltaSplit> pending;
    private final Deque<Integer> waiting = new ArrayDeque<>();
    /** The last version planned into {@link #pending} (what a checkpoint records). */
    private long plannedUpTo;
    /** The last version discovery looked at (discovery runs in a worker thread, one call at a time). */
    private volatile long discoveredUpTo;
    private Engine engine;

    ChangelogEnumerator(SplitEnumeratorContext<DeltaSplit> context, String warehouse, String table, String tablePath,
                        long pollMillis, List<DeltaSplit> pending, long plannedUpTo) {
        this.context = context;
        this.warehouse = warehouse;
        this.table = table;
        this.tablePath = tablePath;
        this.pollMillis = pollMillis;
        this.pending = new ArrayDeque<>(pending);
        this.plannedUpTo = plannedUpTo;
        this.discoveredUpTo = plannedUpTo;
    }

    @Override
    public void start() {
        context.callAsync(this::discover, this::planned, 0, pollMillis);
    }

    private Discovered discover() {
        if (engine == null) {
            engine = EngineFactory.create();
        }
        Set<Long> versions = new TreeSet<>();
        for (CommitLog.Checkpoint c : CommitLog.checkpoints(engine, warehouse)) {
            Long v = c.versions.get(table);
            if (v != null && v > discoveredUpTo) {
                versions.add(v);
            }
        }
        List<DeltaSplit> out = new ArrayList<>();
        long from = discoveredUpTo;
        Set<String> before = versions.isEmpty() ? Set.of() : filesAt(from);
        for (long v : versions) {
            Set<String> after = filesAt(v);
            List<String> removed = new ArrayList<>(before);
            removed.removeAll(after);
            List<String> added = new ArrayList<>(after);
            added.removeAll(before);
            if (!removed.isEmpty() || !added.isEmpty()) {
                out.add(DeltaSplit.change(table + "@" + from + "-" + v, tablePath, from, v, removed, added));
            }
            from = v;
            before = after;
        }
        discoveredUpTo = from;
        return new Discovered(out, from);
    }

    private Set<String> filesAt(long version) {
        Set<String> paths = new TreeSet<>();
        for (PinnedSnapshot.DataFile f : PinnedSnapshot.of(engine, tablePath, null, Optional.of(version)).files(Optional.empty())) {
            paths.add(f.path());
        }
        return paths;
    }

    private void planned(Discovered found, Throwable error) {
        if (error != null) {
            throw new IllegalStateException("the changelog of " + table + " could not read the warehouse " + warehouse
                    + " after version " + plannedUpTo, error);
        }
        if (found.upTo() > plannedUpTo) {
            if (!found.splits().isEmpty()) {
                LOG.info("{}: {} change(s) planned, versions {} to {}", table, found.splits().size(), plannedUpTo, found.upTo());
            }
            pending.addAll(found.splits());
            plannedUpTo = found.upTo();
            while (!waiting.isEmpty() && !pending.isEmpty()) {
                context.assignSplit(pending.poll(), waiting.poll());
            }
        }
    }

    /**
     * Only reader 0 reads: a key's changes must stay in order, so one reader takes every split (the
     * others idle). Declaring the source's parallelism 1 instead makes the planner re-key its output by
     * the primary key, which a projection may have dropped.
     */
    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        if (subtaskId != 0) {
            return;
        }
        DeltaSplit next = pending.poll();
        if (next != null) {
            context.assignSplit(next, subtaskId);
        } else if (!waiting.contains(subtaskId)) {
            waiting.add(subtaskId);
        }
    }

    @Override
    public void addSplitsBack(List<DeltaSplit> splits, int subtaskId) {
        for (int i = splits.size() - 1; i >= 0; i--) {
            pending.addFirst(splits.get(i));
        }
    }

    @Override
    public void addReader(int subtaskId) {
    }

    @Override
    public PendingSplits snapshotState(long checkpointId) {
        return new PendingSplits(new ArrayList<>(pending), plannedUpTo);
    }

    @Override
    public void close() {
    }
}
