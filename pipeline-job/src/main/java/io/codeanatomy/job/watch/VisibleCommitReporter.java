package io.codeanatomy.job.watch;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.job.warehouse.RepoHead;

import io.delta.kernel.engine.Engine;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Logs each commit as it becomes visible to queries (the checkpoint holding its repo_heads row recorded
 * in {@code commits}, the version the SQL catalog reads), with its latency: from the moment the change
 * source saw the commit, and from the commit's own time.
 */
final class VisibleCommitReporter {
    /** Polls (200 ms apart) after which a failing read is reported rather than taken for a version being written. */
    private static final int PERSISTENT_FAILURE = 25;
    private final WatchSettings settings;
    private final PrintStream out;
    private final Engine engine = EngineFactory.create();
    private final Map<String, String> shown = new HashMap<>();
    /** Consecutive polls per repository whose repo_heads read failed. */
    private final Map<String, Integer> failedReads = new HashMap<>();
    private int commits;

    VisibleCommitReporter(WatchSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    void poll() {
        String warehouse = settings.warehouse().toString();
        for (WatchedRepo repo : settings.repos()) {
            Optional<RepoHead> head;
            try {
                head = RepoHead.visible(engine, warehouse, repo.repoId());
            } catch (RuntimeException e) {
                // Usually a table version being written, read on the next poll; said once if it lasts.
                if (failedReads.merge(repo.repoId(), 1, Integer::sum) == PERSISTENT_FAILURE) {
                    out.printf(Locale.ROOT, "%s: repo_heads has not been readable for %d polls (commits are not"
                            + " reported meanwhile): %s%n", repo.repoId(), PERSISTENT_FAILURE, e);
                }
                continue;
            }
            failedReads.remove(repo.repoId());
            if (head.isEmpty() || head.get().commit == null || head.get().commit.equals(shown.get(repo.repoId()))) {
                continue;
            }
            RepoHead h = head.get();
            long now = System.currentTimeMillis();
            boolean first = !shown.containsKey(repo.repoId());
            shown.put(repo.repoId(), h.commit);
            if (first && h.detectedAt < now - 60_000) {
                out.printf(Locale.ROOT, "%s: the warehouse holds %s (version %d)%n", repo.repoId(), shortId(h.commit), h.version);
                continue;
            }
            commits++;
            out.printf(Locale.ROOT, "%s: %s visible (version %d), %d ms after it was seen, %.1f s after it was committed%n",
                    repo.repoId(), shortId(h.commit), h.version, now - h.detectedAt, (now - h.commitTime) / 1000.0);
        }
    }

    String summary() {
        StringBuilder s = new StringBuilder(commits + " commits indexed in this run");
        shown.forEach((repo, commit) -> s.append("; ").append(repo).append(" at ").append(shortId(commit)));
        return s.toString();
    }

    private static String shortId(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
