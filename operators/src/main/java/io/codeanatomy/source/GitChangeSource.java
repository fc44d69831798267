package io.codeanatomy.source;

import io.codeanatomy.source.enumerator.EnumeratorStateSerializer;
import io.codeanatomy.source.enumerator.GitChangeEnumerator;
import io.codeanatomy.source.reader.GitChangeReader;
import io.codeanatomy.source.split.RepoSplit;
import io.codeanatomy.source.split.RepoSplitSerializer;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.time.Duration;
import java.util.List;

/**
 * Unbounded FLIP-27 source of the changes of watched git repositories: one split per repository,
 * the enumerator polls branch heads, readers diff trees and emit changes with content, then a commit
 * marker per indexed commit. Progress is checkpointed per repository.
 */
public final class GitChangeSource implements Source<SourceRecord, RepoSplit, List<RepoSplit>> {
    private static final long serialVersionUID = 1L;

    private final List<RepoSplit> splits;
    private final FileSelector selector;
    private final Duration poll;

    public GitChangeSource(List<RepoSplit> splits, FileSelector selector, Duration poll) {
        this.splits = List.copyOf(splits);
        this.selector = selector;
        this.poll = poll;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<SourceRecord, RepoSplit> createReader(SourceReaderContext context) {
        return new GitChangeReader(context, selector);
    }

    @Override
    public SplitEnumerator<RepoSplit, List<RepoSplit>> createEnumerator(SplitEnumeratorContext<RepoSplit> context) {
        return new GitChangeEnumerator(context, splits, poll);
    }

    @Override
    public SplitEnumerator<RepoSplit, List<RepoSplit>> restoreEnumerator(SplitEnumeratorContext<RepoSplit> context,
                                                                         List<RepoSplit> checkpoint) {
        return new GitChangeEnumerator(context, splits, checkpoint, poll);
    }

    @Override
    public SimpleVersionedSerializer<RepoSplit> getSplitSerializer() {
        return RepoSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<RepoSplit>> getEnumeratorCheckpointSerializer() {
        // Enumerator state version 1 held splits in RepoSplit format 1.
        return new EnumeratorStateSerializer<>(RepoSplitSerializer.INSTANCE, RepoSplitSerializer.VERSION_1);
    }
}
