package io.codeanatomy.bench;

import io.codeanatomy.job.cli.EmbeddedEnvironment;
import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.job.watch.WatchJob;
import io.codeanatomy.job.watch.WatchSettings;
import io.codeanatomy.job.watch.WatchedRepo;
import io.codeanatomy.source.FileSelector;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Commit-to-visible latency of the `watch` job on a copy of the Python standard library: for each
 * checkpoint interval, a fresh warehouse, the job started and the initial head indexed in full, then
 * N single-file commits (a small function appended to a different top-level module each time, the
 * same modules for every interval), each timed from the moment the JGit commit returns until the
 * warehouse's repo_heads row holds it. The latency splits into detection (the source's enumerator
 * first seeing the new head, {@code detected_at}, minus our commit time; bounded by the poll), then
 * detected → commit start (the diff, both evidence layers, align and row building, and waiting for
 * the next checkpoint), then the Delta commit itself ({@link CommitAttribution}). As a same-run
 * baseline, the per-file work alone on the same changed file contents, outside Flink
 * ({@link PerFileBaseline}), shows how much of the latency is the work and how much is waiting and
 * committing.
 *
 * <p>Commits are placed on a fixed grid (start + k × interval; a slot that passes while the previous
 * commit is still on its way is skipped) plus a seeded random offset under {@link #JITTER_MS}, so
 * their phase against the checkpoint timer and the source's poll neither locks to "just after a
 * checkpoint" (when the latency exceeds the interval) nor to one point of a timer whose period
 * divides the interval (3 s against 1 s checkpoints and a 250 ms poll).
 *
 * <p>Usage: see {@link WatchLatencyOptions#USAGE}; {@code bench/watch-latency.sh} runs it.
 */
public final class WatchLatencyBenchmark {
    /** How often the watch job's enumerator reads the branch head: watch's default. */
    static final Duration POLL = WatchSettings.DEFAULT_POLL;
    /** Unmeasured commits before the measured ones, until the sink's automatic compaction has run (every 20 commits). */
    static final int MAX_WARMUP = 40;
    static final String REPO_ID = "stdlib";
    static final String BRANCH = "main";
    /** Each commit is delayed by a random offset below this, from a fixed seed (see the class comment). */
    static final int JITTER_MS = 1000;
    static final long JITTER_SEED = 20240601L;

    private WatchLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        WatchLatencyOptions o = WatchLatencyOptions.parse(args);
        FileSelector selector = new FileSelector(List.of(), o.excludes(), FileSelector.DEFAULT_MAX_FILE_BYTES);
        List<String> picked = StdlibChanges.modules(o.repoDir(), selector, o.changes() + MAX_WARMUP);
        List<String> modules = new ArrayList<>();
        List<String> warmup = new ArrayList<>();
        for (int i = 0; i < picked.size(); i++) { // interleaved, so both spread over the library
            (modules.size() < o.changes() && (i % 3 == 0 || warmup.size() >= MAX_WARMUP) ? modules : warmup).add(picked.get(i));
        }
        System.out.printf(Locale.ROOT, "repo=%s files=%d changes=%d interval_ms=%d (+ random 0-%d)"
                        + " parallelism=%d source_poll_ms=%d visible_poll_ms=%d excludes=%s%n", o.repoDir(),
                StdlibChanges.countSelected(o.repoDir(), selector), o.changes(), o.intervalMs(), JITTER_MS - 1,
                o.parallelism(), POLL.toMillis(), RepoHeadProbe.VISIBLE_POLL_MS,
                o.excludes().isEmpty() ? "none" : String.join(",", o.excludes()));
        System.out.println("changed modules: " + String.join(" ", modules));

        Map<Duration, LatencyRun> runs = new LinkedHashMap<>();
        for (Duration checkpoint : o.checkpoints()) {
            Path warehouse = o.warehouseRoot().resolve("wh-" + label(checkpoint));
            runs.put(checkpoint, run(o, warehouse, selector, checkpoint, modules, warmup));
        }

        List<TimedChange> all = runs.values().stream().flatMap(r -> r.changes.stream()).toList();
        System.out.println();
        System.out.println("baseline: the per-file work alone on the " + all.size() + " committed file versions ...");
        PerFileBaseline baseline = PerFileBaseline.measure(REPO_ID, all);

        System.out.println();
        runs.values().forEach(r -> report(r, baseline));
        System.out.printf(Locale.ROOT, "RESULT baseline files=%d file_bytes_p50=%d cst_p50_ms=%.2f cpython_p50_ms=%.2f"
                        + " fuse_p50_ms=%.2f per_file_work_p50_ms=%.2f%n", baseline.files(), baseline.bytesP50(),
                baseline.cstP50Ms(), baseline.cpythonP50Ms(), baseline.fuseP50Ms(), baseline.totalP50Ms());
        LatencyRun oneSecond = runs.get(Duration.ofSeconds(1));
        LatencyRun fiveSeconds = runs.get(Duration.ofSeconds(5));
        if (oneSecond != null && fiveSeconds != null) {
            System.out.printf(Locale.ROOT, "RESULT ratio p50(5s)/p50(1s)=%.2f%n",
                    (double) Percentiles.of(fiveSeconds.changes, TimedChange::latency, 50)
                            / Percentiles.of(oneSecond.changes, TimedChange::latency, 50));
        }
    }

    private static LatencyRun run(WatchLatencyOptions o, Path warehouse, FileSelector selector, Duration checkpoint,
                                  List<String> modules, List<String> warmup) throws Exception {
        LatencyRun run = new LatencyRun(checkpoint);
        String cp = label(checkpoint);
        System.out.printf(Locale.ROOT, "%n== checkpoint interval %s, warehouse %s ==%n", cp, warehouse);
        RepoHeadProbe probe = new RepoHeadProbe(warehouse, REPO_ID);
        try (Git git = Git.open(o.repoDir().toFile())) {
            ObjectId initial = git.getRepository().resolve("refs/heads/" + BRANCH);
            if (initial == null) {
                throw new IllegalStateException(o.repoDir() + " has no branch " + BRANCH);
            }
            WatchSettings settings = new WatchSettings(List.of(new WatchedRepo(o.repoDir().toFile(), REPO_ID, BRANCH)),
                    warehouse.toFile(), selector, o.parallelism(), POLL, checkpoint, LayerSettings.defaults());
            long start = System.currentTimeMillis();
            Configuration conf = new Configuration();
            conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false); // Hadoop's shutdown hook reaches the closed job class loader
            // The embedded commands' environment: its checkpoints go to a directory (the linker's state
            // exceeds the JobManager's 5 MB in-memory limit).
            JobClient job = WatchJob.start(EmbeddedEnvironment.create(conf, o.parallelism()), settings);
            try {
                probe.awaitInitial(initial.name(), start);
                run.initialIndexMs = System.currentTimeMillis() - start;
                System.out.printf(Locale.ROOT, "initial index of %s visible after %.1f s%n", initial.name(),
                        run.initialIndexMs / 1000.0);

                // The warehouse as a watched one looks after a while: through the sink's automatic compaction,
                // which runs every 20 checkpoint commits; unmeasured one-file commits until it has.
                long indexed = System.currentTimeMillis();
                int warm = 0;
                while (!compactedSince(warehouse, indexed) && warm < warmup.size()) {
                    TimedChange w = StdlibChanges.commit(git, o.repoDir(), warmup.get(warm), cp + "-warmup", warm);
                    probe.awaitVisible(w, new LatencyRun(checkpoint));
                    warm++;
                }
                System.out.printf(Locale.ROOT, "warm-up: %d unmeasured commits, automatic compaction %s%n", warm,
                        compactedSince(warehouse, indexed) ? "done" : "NOT SEEN");
                run.warmupCommits = warm;

                Random jitter = new Random(JITTER_SEED);
                long grid = System.currentTimeMillis();
                long slot = 0;
                for (int i = 0; i < modules.size(); i++) {
                    long offset = jitter.nextInt(JITTER_MS);
                    long due = grid + slot * o.intervalMs() + offset;
                    long now = System.currentTimeMillis();
                    while (due < now) { // the previous commit took longer than the interval: next free slot
                        slot++;
                        run.skippedSlots++;
                        due = grid + slot * o.intervalMs() + offset;
                    }
                    Thread.sleep(due - now);
                    slot++;
                    TimedChange c = StdlibChanges.commit(git, o.repoDir(), modules.get(i), cp, i);
                    probe.awaitVisible(c, run);
                    if (!CommitAttribution.attribute(warehouse, c)) {
                        run.unattributed++;
                    }
                    run.changes.add(c);
                    System.out.printf(Locale.ROOT, "%s change %2d %-20s %6d B  latency %5d ms = detection %4d + to commit"
                                    + " start %5d + delta commit %5d; %d checkpoint(s), %.1f MB added, %.1f MB removed%s"
                                    + " (commit call %d ms, %d reads); rewritten %d B for %d B of new rows (%.1fx)%n",
                            cp, i + 1, c.path, c.content.length, c.latency(),
                            c.detection(), c.toCommit(), c.deltaCommit(), c.checkpoints, c.bytesAdded / 1048576.0,
                            c.bytesRemoved / 1048576.0, c.maintenanceCommits > 0 ? ", after a compaction" : "",
                            c.commitCallMs, c.polls, c.bytesRewritten, c.bytesNewRows, c.amplification());
                }
            } finally {
                job.cancel().get(2, TimeUnit.MINUTES);
            }
        }
        return run;
    }

    /** Whether a compaction (a commit without a transaction id) reached cpg_nodes' log since {@code since}. */
    private static boolean compactedSince(Path warehouse, long since) throws java.io.IOException {
        return DeltaLogVersions.since(warehouse, io.codeanatomy.schema.CpgSchema.NODES, since, "").stream()
                .anyMatch(v -> v.txn() == null && v.timestamp() >= since);
    }

    private static void report(LatencyRun r, PerFileBaseline baseline) {
        String cp = label(r.checkpoint);
        List<TimedChange> cs = r.changes;
        long p50 = Percentiles.of(cs, TimedChange::latency, 50);
        System.out.printf(Locale.ROOT, "RESULT checkpoint=%s changes=%d initial_index_s=%.1f latency_p50_ms=%d"
                        + " latency_p95_ms=%d latency_max_ms=%d%n", cp, cs.size(), r.initialIndexMs / 1000.0,
                p50, Percentiles.of(cs, TimedChange::latency, 95), Percentiles.of(cs, TimedChange::latency, 100));
        System.out.printf(Locale.ROOT, "RESULT checkpoint=%s breakdown_p50_ms detection=%d detected_to_visible=%d"
                        + " (to_commit_start=%d delta_commit=%d)%n", cp, Percentiles.of(cs, TimedChange::detection, 50),
                Percentiles.of(cs, TimedChange::pipeline, 50), Percentiles.of(cs, TimedChange::toCommit, 50),
                Percentiles.of(cs, TimedChange::deltaCommit, 50));
        System.out.printf(Locale.ROOT, "RESULT checkpoint=%s p95/max_ms detection=%d/%d detected_to_visible=%d/%d"
                        + " to_commit_start=%d/%d delta_commit=%d/%d%n", cp,
                Percentiles.of(cs, TimedChange::detection, 95), Percentiles.of(cs, TimedChange::detection, 100),
                Percentiles.of(cs, TimedChange::pipeline, 95), Percentiles.of(cs, TimedChange::pipeline, 100),
                Percentiles.of(cs, TimedChange::toCommit, 95), Percentiles.of(cs, TimedChange::toCommit, 100),
                Percentiles.of(cs, TimedChange::deltaCommit, 95), Percentiles.of(cs, TimedChange::deltaCommit, 100));
        System.out.printf(Locale.ROOT, "RESULT checkpoint=%s delta_bytes_added_p50_MB=%.1f delta_bytes_removed_p50_MB=%.1f"
                        + " changed_file_bytes_p50=%d changes_split_over_2_checkpoints=%d changes_delayed_by_compaction=%d"
                        + " unattributed=%d%n", cp, Percentiles.of(cs, c -> c.bytesAdded, 50) / 1048576.0,
                Percentiles.of(cs, c -> c.bytesRemoved, 50) / 1048576.0, Percentiles.of(cs, c -> c.content.length, 50),
                cs.stream().filter(c -> c.checkpoints > 1).count(), cs.stream().filter(c -> c.maintenanceCommits > 0).count(),
                r.unattributed);
        long rewritten = cs.stream().mapToLong(c -> c.bytesRewritten).sum();
        long newRows = cs.stream().mapToLong(c -> c.bytesNewRows).sum();
        List<Double> amps = cs.stream().map(TimedChange::amplification).filter(a -> !a.isNaN()).sorted().toList();
        System.out.printf(Locale.ROOT, "RESULT checkpoint=%s write_amplification rewritten/new_rows total=%.1fx p50=%.1fx"
                        + " max=%.1fx (rewritten %.2f MB for %.2f MB of new rows over %d changes, after %d warm-up commits)%n",
                cp, newRows == 0 ? Double.NaN : (double) rewritten / newRows,
                amps.isEmpty() ? Double.NaN : amps.get(amps.size() / 2), amps.isEmpty() ? Double.NaN : amps.get(amps.size() - 1),
                rewritten / 1048576.0, newRows / 1048576.0, cs.size(), r.warmupCommits);
        System.out.printf(Locale.ROOT, "RESULT checkpoint=%s work_share per_file_work/latency_p50=%.4f"
                        + " per_file_work/to_commit_start_p50=%.3f skipped_slots=%d repo_heads_read_mean_ms=%.1f%n", cp,
                baseline.totalP50Ms() / p50,
                baseline.totalP50Ms() / Math.max(1, Percentiles.of(cs, TimedChange::toCommit, 50)),
                r.skippedSlots, r.pollCalls == 0 ? 0.0 : r.pollNanos / 1e6 / r.pollCalls);
    }

    private static String label(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
