package io.codeanatomy.source.enumerator;

import io.codeanatomy.source.split.SnapshotSplit;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Hands out one snapshot split per repository to readers that ask, then signals the end. */
public final class SnapshotEnumerator implements SplitEnumerator<SnapshotSplit, List<SnapshotSplit>> {
    private final SplitEnumeratorContext<SnapshotSplit> context;
    private final Deque<SnapshotSplit> remaining;

    public SnapshotEnumerator(SplitEnumeratorContext<SnapshotSplit> context, List<SnapshotSplit> splits) {
        this.context = context;
        this.remaining = new ArrayDeque<>(splits);
    }

    @Override
    public void start() {
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        SnapshotSplit next = remaining.poll();
        if (next != null) {
            context.assignSplit(next, subtaskId);
        } else {
            context.signalNoMoreSplits(subtaskId);
        }
    }

    @Override
    public void addSplitsBack(List<SnapshotSplit> splits, int subtaskId) {
        splits.forEach(remaining::addFirst); // a failed reader's splits go out again, from their position
    }

    @Override
    public void addReader(int subtaskId) {
    }

    @Override
    public List<SnapshotSplit> snapshotState(long checkpointId) {
        return new ArrayList<>(remaining);
    }

    @Override
    public void close() {
    }
}
