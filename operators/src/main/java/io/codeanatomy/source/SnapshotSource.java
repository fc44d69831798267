package io.codeanatomy.source;

import io.codeanatomy.source.enumerator.EnumeratorStateSerializer;
import io.codeanatomy.source.enumerator.SnapshotEnumerator;
import io.codeanatomy.source.reader.SnapshotReader;
import io.codeanatomy.source.split.SnapshotSplit;
import io.codeanatomy.source.split.SnapshotSplitSerializer;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.util.List;

/** Bounded FLIP-27 source of file changes for fixed repository snapshots: one split per repository. */
public final class SnapshotSource implements Source<SourceRecord, SnapshotSplit, List<SnapshotSplit>> {
    private static final long serialVersionUID = 1L;

    private final List<SnapshotSplit> splits;
    private final FileSelector selector;

    public SnapshotSource(List<SnapshotSplit> splits, FileSelector selector) {
        this.splits = List.copyOf(splits);
        this.selector = selector;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<SourceRecord, SnapshotSplit> createReader(SourceReaderContext context) {
        return new SnapshotReader(context, selector);
    }

    @Override
    public SplitEnumerator<SnapshotSplit, List<SnapshotSplit>> createEnumerator(
            SplitEnumeratorContext<SnapshotSplit> context) {
        return new SnapshotEnumerator(context, splits);
    }

    @Override
    public SplitEnumerator<SnapshotSplit, List<SnapshotSplit>> restoreEnumerator(
            SplitEnumeratorContext<SnapshotSplit> context, List<SnapshotSplit> checkpoint) {
        return new SnapshotEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<SnapshotSplit> getSplitSerializer() {
        return SnapshotSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<SnapshotSplit>> getEnumeratorCheckpointSerializer() {
        // Enumerator state version 1 held splits in SnapshotSplit format 2 (the builds before that wrote
        // format 1 under the same state version: those states cannot be told apart and are not read).
        return new EnumeratorStateSerializer<>(SnapshotSplitSerializer.INSTANCE, SnapshotSplitSerializer.VERSION_2);
    }
}
