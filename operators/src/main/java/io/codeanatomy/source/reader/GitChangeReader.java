package io.codeanatomy.source.reader;

import io.codeanatomy.source.CommitMarker;
import io.codeanatomy.source.FileSelector;
import io.codeanatomy.source.SourceRecord;
import io.codeanatomy.source.enumerator.HeadEvent;
import io.codeanatomy.source.git.GitRepositories;
import io.codeanatomy.source.git.RepoDiff;
import io.codeanatomy.source.listing.ContentReader;
import io.codeanatomy.source.listing.ListedChange;
import io.codeanatomy.source.split.PriorPath;
import io.codeanatomy.source.split.RepoSplit;

import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;

import org.eclipse.jgit.lib.Repository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Emits, for each assigned repository, the changes from the commit the tables hold to the next
 * commit on the way to the newest head the enumerator announced (each commit of the branch's
 * first-parent line in turn; the head itself after a history rewrite): one change per call, in the
 * diff's path order, then its commit marker.
 * The split's position is checkpointed, so a restore resumes inside a commit and nothing is emitted
 * twice or skipped. A head that moves while a commit is being emitted is taken up after it.
 */
public final class GitChangeReader implements SourceReader<SourceRecord, RepoSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(GitChangeReader.class);
    /** A branch that moved further than this is caught up in one tree diff rather than commit by commit. */
    private static final int MAX_FIRST_PARENT_WALK = 1000;

    private final SourceReaderContext context;
    private final FileSelector selector;
    private final ContentReader content;
    private final Map<String, RepoSplit> splits = new TreeMap<>();
    private final Map<String, HeadEvent> heads = new HashMap<>();
    private CompletableFuture<Void> available = new CompletableFuture<>();

    /** The diff being emitted, for the split that has a target (recomputed after a restore). */
    private String diffRepo;
    private String diffTarget;
    private List<ListedChange> diff;
    private Repository repository;
    private RepoDiff differ;

    private final HeadLag lag;
    private final Counter filesRead;

    public GitChangeReader(SourceReaderContext context, FileSelector selector) {
        this.context = context;
        this.selector = selector;
        this.content = new ContentReader(selector.maxFileBytes());
        this.lag = new HeadLag(context.metricGroup());
        this.filesRead = context.metricGroup().counter("filesRead");
        context.metricGroup().meter("filesReadPerSecond", new MeterView(filesRead));
    }

    @Override
    public void start() {
    }

    @Override
    public InputStatus pollNext(ReaderOutput<SourceRecord> output) throws Exception {
        RepoSplit split = nextWithWork();
        if (split == null) {
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return InputStatus.NOTHING_AVAILABLE;
        }
        if (split.targetCommit() == null) {
            HeadEvent head = heads.get(split.repo());
            split = split.targeting(nextCommit(split, head.commit()), head.detectedAt());
            splits.put(split.repo(), split);
        }
        List<ListedChange> entries = diffOf(split);
        long version = split.version() + 1;
        if (split.position() < entries.size()) {
            output.collect(SourceRecord.of(content.read(entries.get(split.position()), split.repo(), split.targetCommit(), version)));
            filesRead.inc();
            splits.put(split.repo(), split.at(split.position() + 1));
        } else {
            output.collect(SourceRecord.of(new CommitMarker(split.repo(), split.branch(), split.targetCommit(), version,
                    differ.commitTime(split.targetCommit()), split.targetDetectedAt(), version, entries.size())));
            LOG.info("{}: emitted {} changes of {} (version {})", split.repo(), entries.size(), split.targetCommit(), version);
            splits.put(split.repo(), split.indexed());
            diff = null;
            HeadEvent head = heads.get(split.repo());
            if (head != null) { // a split restored mid-commit finishes it before the enumerator's head arrives
                lag.behind(split.repo(), differ.commitsBetween(split.targetCommit(), head.commit(), MAX_FIRST_PARENT_WALK),
                        head.detectedAt());
            }
        }
        return InputStatus.MORE_AVAILABLE;
    }

    /**
     * A split in the middle of a commit, else one whose announced head differs from what it holds, or
     * that holds it but has unsettled prior paths to re-read (then the head is its own next commit).
     */
    private RepoSplit nextWithWork() throws IOException {
        for (RepoSplit s : splits.values()) {
            if (s.targetCommit() != null) {
                return s;
            }
        }
        for (RepoSplit s : List.copyOf(splits.values())) {
            HeadEvent head = heads.get(s.repo());
            if (head == null) {
                continue;
            }
            if (!head.commit().equals(s.indexedCommit())) {
                return s;
            }
            if (!s.prior().isEmpty()) {
                open(s);
                if (differ.has(s.indexedCommit()) && !unsettled(s.prior(), s.indexedCommit()).isEmpty()) {
                    return s;
                }
                splits.put(s.repo(), s.settled());
            }
        }
        return null;
    }

    /** The next commit of the split's branch to index (every commit in turn; the head after a rewrite). */
    private String nextCommit(RepoSplit split, String head) throws IOException {
        open(split);
        String indexed = split.indexedCommit();
        if (indexed == null || !differ.has(indexed)) {
            return head;
        }
        return differ.nextCommit(indexed, head, MAX_FIRST_PARENT_WALK);
    }

    private void open(RepoSplit split) throws IOException {
        if (differ != null && split.repo().equals(diffRepo)) {
            return;
        }
        closeRepository();
        repository = GitRepositories.open(new File(split.root()));
        differ = new RepoDiff(repository, selector);
        diffRepo = split.repo();
        diff = null;
    }

    private List<ListedChange> diffOf(RepoSplit split) throws IOException {
        if (diff != null && split.repo().equals(diffRepo) && split.targetCommit().equals(diffTarget)) {
            return diff;
        }
        open(split);
        String from = split.indexedCommit();
        if (from != null && !differ.has(from)) {
            // The indexed commit is gone (history rewritten and collected): diff from nothing and
            // delete what the tables hold that the new head lacks.
            LOG.warn("{}: indexed commit {} is no longer in the repository; re-indexing {} in full", split.repo(), from,
                    split.targetCommit());
            from = null;
        }
        diff = differ.between(from, split.targetCommit(), from == null ? split.priorPaths() : List.of());
        if (from != null && !split.prior().isEmpty()) {
            List<String> unsettled = unsettled(split.prior(), from);
            if (!unsettled.isEmpty()) {
                LOG.warn("{}: {} paths hold rows of commits the warehouse never made visible (a run stopped between two "
                        + "tables' commits); re-reading them at {}: {}", split.repo(), unsettled.size(), split.targetCommit(),
                        unsettled.size() > 10 ? unsettled.subList(0, 10) + " ..." : unsettled);
                diff = differ.withRereads(diff, split.targetCommit(), unsettled);
            }
        }
        diffTarget = split.targetCommit();
        LOG.info("{}: {} -> {}: {} changes", split.repo(), from, split.targetCommit(), diff.size());
        return diff;
    }

    /**
     * The prior paths whose rows the warehouse cannot vouch for at {@code indexed}: the tables disagree
     * on their commit, or the path's entry at that commit differs from its entry at {@code indexed}, or
     * the tree of {@code indexed} has the file and no table has rows for it
     * (a row names the commit whose tree it reflects; after a rewind or a run killed between two
     * tables' commits that tree can be one the held head's tree does not match, even an ancestor's).
     */
    private List<String> unsettled(List<PriorPath> prior, String indexed) throws IOException {
        Map<String, Set<String>> changedSince = new HashMap<>();
        List<String> out = new ArrayList<>();
        // A file of the held head's tree without rows: its delete came from a commit the history no
        // longer has (committed in every table, the head not yet moved, then a force push back).
        Set<String> held = new HashSet<>();
        for (PriorPath p : prior) {
            held.add(p.path());
        }
        for (ListedChange c : differ.between(null, indexed, List.of())) {
            if (!held.contains(c.path())) {
                out.add(c.path());
            }
        }
        for (PriorPath p : prior) {
            if (indexed.equals(p.commit())) {
                continue;
            }
            Set<String> changed = p.commit() == null ? null : changedSince.computeIfAbsent(p.commit(), c -> {
                try {
                    Set<String> paths = differ.changedPaths(c, indexed);
                    return paths == null ? Set.of(UNKNOWN) : paths;
                } catch (IOException | IllegalArgumentException e) {
                    return Set.of(UNKNOWN); // not a commit of this repository
                }
            });
            if (changed == null || changed.contains(UNKNOWN) || changed.contains(p.path())) {
                out.add(p.path());
            }
        }
        return out;
    }

    /** Stands for "the commit is gone": every path naming it is re-read. */
    private static final String UNKNOWN = "\u0000unknown commit";

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof HeadEvent head) {
            HeadEvent previous = heads.put(head.repo(), head);
            RepoSplit split = splits.get(head.repo());
            if (split != null && (previous == null || !previous.commit().equals(head.commit()))) {
                // At least one commit behind; the count is taken when the next commit has been read.
                lag.behind(head.repo(), head.commit().equals(split.indexedCommit()) ? 0 : 1, head.detectedAt());
                available.complete(null);
            }
        }
    }

    @Override
    public List<RepoSplit> snapshotState(long checkpointId) {
        return new ArrayList<>(splits.values());
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void addSplits(List<RepoSplit> newSplits) {
        for (RepoSplit s : newSplits) {
            splits.put(s.repo(), s);
            lag.watch(s.repo());
            LOG.info("watching {}", s);
        }
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
    }

    private void closeRepository() {
        if (differ != null) {
            differ.close();
            differ = null;
        }
        if (repository != null) {
            repository.close();
            repository = null;
        }
    }

    @Override
    public void close() {
        closeRepository();
    }
}
