package io.codeanatomy.source.enumerator;

import io.codeanatomy.source.git.GitRepositories;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Reads the head of each watched branch. A repository that cannot be read is not watched until it
 * can be, so the failure is made visible instead of skipped: logged with its path and cause when it
 * starts and again every {@code remindEvery} while it lasts, and counted in the enumerator's metrics
 * ({@code unreadableRepositories}, {@code headReadFailures}). Reads run in one worker thread; the
 * counts are read by the metric reporter.
 */
final class BranchHeadReader {
    private static final Logger LOG = LoggerFactory.getLogger(BranchHeadReader.class);

    /** A run of failed reads of one repository. */
    private record Streak(long since, int reads, long lastLogged, String cause) {
    }

    private final Duration remindEvery;
    private final LongSupplier clock;
    private final Map<String, Streak> failing = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();

    BranchHeadReader(Duration remindEvery, LongSupplier clock) {
        this.remindEvery = remindEvery;
        this.clock = clock;
    }

    /** The current commit of each readable branch (a branch without commits is left out). */
    Map<String, String> read(Map<String, WatchedBranch> watched) {
        Map<String, String> heads = new TreeMap<>();
        for (Map.Entry<String, WatchedBranch> w : watched.entrySet()) {
            try (Repository repository = GitRepositories.open(new File(w.getValue().root()))) {
                ObjectId head = repository.resolve(w.getValue().ref());
                if (head != null) {
                    heads.put(w.getKey(), head.name());
                }
                recovered(w.getKey(), w.getValue());
            } catch (Exception e) {
                failed(w.getKey(), w.getValue(), e);
            }
        }
        return heads;
    }

    private void failed(String repo, WatchedBranch where, Exception cause) {
        failures.incrementAndGet();
        long now = clock.getAsLong();
        Streak before = failing.get(repo);
        if (before == null) {
            failing.put(repo, new Streak(now, 1, now, cause.toString()));
            LOG.warn("cannot read the head of {} at {}; its changes are not indexed until it can be read again",
                    repo, where.root(), cause);
        } else if (now - before.lastLogged() >= remindEvery.toMillis()) {
            failing.put(repo, new Streak(before.since(), before.reads() + 1, now, cause.toString()));
            LOG.warn("the head of {} at {} still cannot be read: {} reads failed over {} s; last cause: {}", repo,
                    where.root(), before.reads() + 1, (now - before.since()) / 1000, cause.toString());
        } else {
            failing.put(repo, new Streak(before.since(), before.reads() + 1, before.lastLogged(), cause.toString()));
        }
    }

    private void recovered(String repo, WatchedBranch where) {
        Streak streak = failing.remove(repo);
        if (streak != null) {
            LOG.info("the head of {} at {} can be read again, after {} failed reads", repo, where.root(), streak.reads());
        }
    }

    /** Repositories whose last read failed. */
    int unreadable() {
        return failing.size();
    }

    /** Failed reads since the enumerator started, over all repositories. */
    long failures() {
        return failures.get();
    }

    /** The cause of a repository's current failure streak, or null when its last read worked. */
    String cause(String repo) {
        Streak streak = failing.get(repo);
        return streak == null ? null : streak.cause();
    }
}
