package io.codeanatomy.source;

import io.codeanatomy.lang.Language;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Emits one change per file of each assigned snapshot, in path order, then a DELETE for each prior
 * path the snapshot no longer has. Its position is checkpointed, so a restore resumes mid-snapshot.
 */
final class SnapshotReader implements SourceReader<SourceRecord, SnapshotSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotReader.class);

    private final SourceReaderContext context;
    private final FileSelector selector;
    private final Deque<SnapshotSplit> queued = new ArrayDeque<>();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private boolean noMoreSplits;

    private SnapshotSplit current;
    private SnapshotListing listing;
    private List<String> deletes;
    private int position;

    SnapshotReader(SourceReaderContext context, FileSelector selector) {
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
        List<SnapshotEntry> entries = listing.entries();
        int changes = entries.size() + deletes.size();
        if (position < entries.size()) {
            SnapshotEntry entry = entries.get(position);
            output.collect(SourceRecord.of(listing.read(entry, current.repo(), current.commit())));
        } else if (position < changes) {
            String path = deletes.get(position - entries.size());
            String language = Language.forPath(path).map(Language::id).orElse("unknown");
            output.collect(SourceRecord.of(FileChange.delete(current.repo(), path, current.commit(), language)));
        } else if (current.commit() != null) {
            output.collect(SourceRecord.of(new CommitMarker(current.repo(), null, current.commit(), current.headVersion(),
                    listing.commitTime(), System.currentTimeMillis())));
        }
        position++;
        if (position >= changes + (current.commit() != null ? 1 : 0)) {
            LOG.info("finished {} ({} files, {} deletes)", current, entries.size(), deletes.size());
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
        Set<String> present = new HashSet<>();
        for (SnapshotEntry e : listing.entries()) {
            present.add(e.path);
        }
        deletes = new ArrayList<>();
        for (String prior : split.priorPaths()) {
            if (!present.contains(prior)) {
                deletes.add(prior);
            }
        }
        deletes.sort(String::compareTo);
        LOG.info("indexing {}: {} files selected", split, listing.entries().size());
        return true;
    }

    private void finishCurrent() {
        listing.close();
        listing = null;
        current = null;
        deletes = null;
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
