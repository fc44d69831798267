package io.codeanatomy.source.reader;

import org.apache.flink.metrics.MetricGroup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far each repository's indexing is behind its branch head, as metrics an operator can alert on
 * ({@code repo.<id>.headLagCommits}, {@code repo.<id>.headLagSeconds}): commits of the branch not yet
 * read, and seconds since the repository last stood at its head. Measured where the commits are read;
 * their rows reach the tables at the next checkpoint after that.
 */
final class HeadLag {
    private record Lag(long commits, long behindSince) {
    }

    private static final Lag CAUGHT_UP = new Lag(0, 0);

    private final Map<String, Lag> byRepo = new ConcurrentHashMap<>();
    private final MetricGroup metrics;

    HeadLag(MetricGroup metrics) {
        this.metrics = metrics;
    }

    void watch(String repo) {
        if (byRepo.putIfAbsent(repo, CAUGHT_UP) == null) {
            MetricGroup group = metrics.addGroup("repo", repo);
            group.gauge("headLagCommits", () -> byRepo.get(repo).commits());
            group.gauge("headLagSeconds", () -> {
                long since = byRepo.get(repo).behindSince();
                return since == 0 ? 0L : Math.max(0L, (System.currentTimeMillis() - since) / 1000);
            });
        }
    }

    /** {@code commits} behind; behind since {@code seenAt} unless it already was. */
    void behind(String repo, long commits, long seenAt) {
        byRepo.compute(repo, (r, lag) -> commits == 0 ? CAUGHT_UP
                : new Lag(commits, lag == null || lag.behindSince() == 0 ? seenAt : lag.behindSince()));
    }
}
