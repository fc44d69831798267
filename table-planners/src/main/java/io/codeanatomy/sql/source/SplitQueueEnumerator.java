package io.codeanatomy.sql.source;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Hands the planned files of a bounded read to readers as they ask, one at a time (a reader that is
 * done with a file asks for the next, so large and small files balance across readers); a reader
 * that asks when none are left is told there are no more.
 */
final class SplitQueueEnumerator implements SplitEnumerator<DeltaSplit, PendingSplits> {
    private final SplitEnumeratorContext<DeltaSplit> context;
    private final Deque<DeltaSplit> pending;

    SplitQueueEnumerator(SplitEnumeratorContext<DeltaSplit> context, List<DeltaSplit> splits) {
        this.context = context;
        this.pending = new ArrayDeque<>(splits);
    }

    @Override
    public void start() {
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        DeltaSplit next = pending.poll();
        if (next != null) {
            context.assignSplit(next, subtaskId);
        } else {
            context.signalNoMoreSplits(subtaskId);
        }
    }

    @Override
    public void addSplitsBack(List<DeltaSplit> splits, int subtaskId) {
        splits.forEach(pending::addFirst);
    }

    @Override
    public void addReader(int subtaskId) {
    }

    @Override
    public PendingSplits snapshotState(long checkpointId) {
        return new PendingSplits(new ArrayList<>(pending), -1);
    }

    @Override
    public void close() {
    }
}
