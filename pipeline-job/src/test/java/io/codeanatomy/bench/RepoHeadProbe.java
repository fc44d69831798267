package io.codeanatomy.bench;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.job.warehouse.RepoHead;

import io.delta.kernel.engine.Engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Reads a warehouse's repo_heads row until it holds a commit: when a change became visible. */
final class RepoHeadProbe {
    /** How often we read repo_heads while waiting for a commit to become visible. */
    static final long VISIBLE_POLL_MS = 20;
    static final Duration INITIAL_TIMEOUT = Duration.ofMinutes(30);
    static final Duration CHANGE_TIMEOUT = Duration.ofMinutes(3);

    private final Engine engine = EngineFactory.create();
    private final Path warehouse;
    private final String repo;

    RepoHeadProbe(Path warehouse, String repo) {
        this.warehouse = warehouse;
        this.repo = repo;
    }

    void awaitInitial(String commit, long start) throws InterruptedException {
        long deadline = start + INITIAL_TIMEOUT.toMillis();
        long nextReport = start + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (head().map(h -> h.commit.equals(commit)).orElse(false)) {
                return;
            }
            if (System.currentTimeMillis() >= nextReport) {
                System.out.printf(Locale.ROOT, "  ... initial index still running after %d s%n",
                        (System.currentTimeMillis() - start) / 1000);
                nextReport += 60_000;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the initial head " + commit + " was not visible within " + INITIAL_TIMEOUT);
    }

    /**
     * Reads repo_heads every {@link #VISIBLE_POLL_MS} until the commit is there. The visible time is
     * the start of the read that first sees it (the log is listed at the start of a read).
     */
    void awaitVisible(TimedChange c, LatencyRun run) throws InterruptedException {
        long deadline = c.committedAt + CHANGE_TIMEOUT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            long at = System.currentTimeMillis();
            long t0 = System.nanoTime();
            Optional<RepoHead> head = head();
            run.pollNanos += System.nanoTime() - t0;
            run.pollCalls++;
            c.polls++;
            if (head.isPresent() && head.get().commit.equals(c.commit)) {
                c.visibleAt = at;
                c.detectedAt = head.get().detectedAt;
                return;
            }
            Thread.sleep(VISIBLE_POLL_MS);
        }
        throw new IllegalStateException(c.commit + " (" + c.path + ") was not visible within " + CHANGE_TIMEOUT);
    }

    private Optional<RepoHead> head() {
        try {
            return RepoHead.visible(engine, warehouse.toString(), repo);
        } catch (RuntimeException e) { // a table being created or a log being written: read again
            return Optional.empty();
        }
    }
}
