package io.codeanatomy.source.enumerator;

import io.codeanatomy.source.split.RepoSplit;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hands each repository's split to a reader (one split per repository, spread over the readers) and
 * polls branch heads at an interval, telling every reader what each head is; the reader owning the
 * repository diffs and emits. Only unassigned splits are enumerator state: assigned ones live, with
 * their progress, in the readers' checkpointed state.
 */
public final class GitChangeEnumerator implements SplitEnumerator<RepoSplit, List<RepoSplit>> {
    private static final Logger LOG = LoggerFactory.getLogger(GitChangeEnumerator.class);
    /** How often a repository that stays unreadable is logged again. */
    private static final Duration REMIND_UNREADABLE = Duration.ofMinutes(5);

    private final SplitEnumeratorContext<RepoSplit> context;
    private final Map<String, RepoSplit> unassigned = new TreeMap<>();
    /** Where each repository is and which branch is followed: what the poll reads. */
    private final Map<String, WatchedBranch> watched = new TreeMap<>();
    private final Duration poll;
    private final Map<String, String> lastSeen = new HashMap<>();
    private final Map<String, Long> firstSeenAt = new HashMap<>();
    /**
     * Per registered reader, the head last sent for each repository. A head goes to a reader once, and
     * again when the reader registers anew (a restarted or new reader; a lost event fails the task over,
     * so it registers again). Sent on every poll, an event could reach a task finishing a
     * stop-with-savepoint, and Flink fails a job whose event to a finishing task is lost.
     */
    private final Map<Integer, Map<String, String>> sent = new HashMap<>();
    private final BranchHeadReader heads = new BranchHeadReader(REMIND_UNREADABLE, System::currentTimeMillis);

    public GitChangeEnumerator(SplitEnumeratorContext<RepoSplit> context, List<RepoSplit> splits, Duration poll) {
        this.context = context;
        this.poll = poll;
        for (RepoSplit s : splits) {
            unassigned.put(s.repo(), s);
            watched.put(s.repo(), new WatchedBranch(s.root(), s.branch()));
        }
    }

    /** Restored: the watched set comes from the source's configuration, the unassigned splits from the checkpoint. */
    public GitChangeEnumerator(SplitEnumeratorContext<RepoSplit> context, List<RepoSplit> configured,
                               List<RepoSplit> unassignedSplits, Duration poll) {
        this(context, unassignedSplits, poll);
        for (RepoSplit s : configured) {
            watched.put(s.repo(), new WatchedBranch(s.root(), s.branch()));
        }
    }

    @Override
    public void start() {
        context.metricGroup().gauge("unreadableRepositories", heads::unreadable);
        context.metricGroup().gauge("headReadFailures", heads::failures);
        // The watched map is only read from here on: the worker thread may read it.
        context.callAsync(() -> heads.read(watched), this::announce, 0, poll.toMillis());
    }

    private void announce(Map<String, String> heads, Throwable error) {
        if (error != null) {
            LOG.warn("polling branch heads failed: {}", error.toString());
            return;
        }
        long now = System.currentTimeMillis();
        for (Map.Entry<String, String> h : heads.entrySet()) {
            if (!h.getValue().equals(lastSeen.put(h.getKey(), h.getValue()))) {
                firstSeenAt.put(h.getKey(), now);
                LOG.info("{} is at {}", h.getKey(), h.getValue());
            }
            HeadEvent event = new HeadEvent(h.getKey(), h.getValue(), firstSeenAt.get(h.getKey()));
            for (Integer reader : context.registeredReaders().keySet()) {
                if (!h.getValue().equals(sent.computeIfAbsent(reader, r -> new HashMap<>()).put(h.getKey(), h.getValue()))) {
                    context.sendEventToSourceReader(reader, event);
                }
            }
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed when readers register.
    }

    @Override
    public void addSplitsBack(List<RepoSplit> splits, int subtaskId) {
        for (RepoSplit s : splits) {
            unassigned.put(s.repo(), s);
        }
        assign();
    }

    @Override
    public void addReader(int subtaskId) {
        sent.remove(subtaskId); // a new reader attempt knows no head yet
        assign();
    }

    /**
     * Gives each unassigned split to reader {@code floorMod(repo.hashCode(), parallelism)} when that reader
     * is registered (String hashes are fixed, so a repository keeps its reader across runs at the same
     * parallelism), otherwise to the registered readers in turn, in subtask order.
     */
    private void assign() {
        List<Integer> readers = new ArrayList<>(context.registeredReaders().keySet());
        if (readers.isEmpty() || unassigned.isEmpty()) {
            return;
        }
        readers.sort(Integer::compare);
        int parallelism = context.currentParallelism();
        List<String> assigned = new ArrayList<>();
        int i = 0;
        for (RepoSplit s : unassigned.values()) {
            int owner = Math.floorMod(s.repo().hashCode(), parallelism);
            if (readers.contains(owner)) {
                context.assignSplit(s, owner);
            } else {
                context.assignSplit(s, readers.get(i++ % readers.size()));
            }
            assigned.add(s.repo());
        }
        assigned.forEach(unassigned::remove);
    }

    @Override
    public List<RepoSplit> snapshotState(long checkpointId) {
        return new ArrayList<>(unassigned.values());
    }

    @Override
    public void close() {
    }
}
