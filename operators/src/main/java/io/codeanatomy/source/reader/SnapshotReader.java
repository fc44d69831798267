package io.codeanatomy.source.reader;

import io.codeanatomy.source.CommitMarker;
import io.codeanatomy.source.FileSelector;
import io.codeanatomy.source.SourceRecord;
import io.codeanatomy.source.listing.ListedChange;
import io.codeanatomy.source.split.SnapshotSplit;

import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Emits the changes of each assigned snapshot in {@link SnapshotListing}'s order (one per call), then,
 * its commit marker (a plain directory's with no commit). Its position is checkpointed, so a restore resumes mid-snapshot.
 */
public final class SnapshotReader implements SourceReader<SourceRecord, SnapshotSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotReader.class);

    private final SourceReaderContext context;
    private final FileSelector selector;
    private final Deque<SnapshotSplit> queued = new ArrayDeque<>();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private boolean noMoreSplits;

    private SnapshotSplit current;
    private SnapshotListing listing;
    private int position;

    public SnapshotReader(SourceReaderContext context, FileSelector selector) {
        this.context = context;
        this.selector = selector;
    }

    @Override
    public void start() {
        context.sendSplitRequest();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<SourceRecord> output) throws Exception {
        if (current == null && !openNext()) {
            return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }
        List<ListedChange> changes = listing.entries();
        if (position < changes.size()) {
            output.collect(SourceRecord.of(listing.read(changes.get(position), current.repo(), current.commit())));
        } else {
            // A plain directory has a marker too (commit null): it writes no repo_heads row, but the
            // cross-file linker links when the snapshot's files are out.
            output.collect(SourceRecord.of(new CommitMarker(current.repo(), null, current.commit(), current.headVersion(),
                    listing.commitTime(), System.currentTimeMillis(), SnapshotListing.VERSION, changes.size())));
        }
        position++;
        if (position >= changes.size() + 1) {
            LOG.info("finished {} ({} changes)", current, changes.size());
            finishCurrent();
            context.sendSplitRequest();
        }
        return InputStatus.MORE_AVAILABLE;
    }

    private boolean openNext() throws IOException {
        SnapshotSplit split = queued.poll();
        if (split == null) {
            return false;
        }
        current = split;
        position = split.position();
        listing = SnapshotListing.open(split, selector);
        LOG.info("indexing {}: {} changes", split, listing.entries().size());
        return true;
    }

    private void finishCurrent() {
        listing.close();
        listing = null;
        current = null;
    }

    @Override
    public List<SnapshotSplit> snapshotState(long checkpointId) {
        List<SnapshotSplit> state = new ArrayList<>();
        if (current != null) {
            state.add(current.at(position));
        }
        state.addAll(queued);
        return state;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void addSplits(List<SnapshotSplit> splits) {
        queued.addAll(splits);
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        available.complete(null);
    }

    @Override
    public void close() {
        if (listing != null) {
            listing.close();
        }
    }
}
