package io.codeanatomy.job.bench;

import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.align.python.PythonEvidenceFusion;
import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.extract.CstLayer;
import io.codeanatomy.extract.cpython.CPythonFactsCodec;
import io.codeanatomy.extract.cpython.CPythonHelper;
import io.codeanatomy.job.cli.Durations;
import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.job.warehouse.RepoHead;
import io.codeanatomy.job.watch.WatchJob;
import io.codeanatomy.job.watch.WatchSettings;
import io.codeanatomy.job.watch.WatchedRepo;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;
import io.codeanatomy.source.FileSelector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.delta.kernel.engine.Engine;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Commit-to-visible latency of the `watch` job on a copy of the Python standard library: for each
 * checkpoint interval, a fresh warehouse, the job started and the initial head indexed in full, then
 * N single-file commits (a small function appended to a different top-level module each time, the
 * same modules for every interval), each timed from the moment the JGit commit returns until the
 * warehouse's repo_heads row holds it. The latency splits into detection (the source's enumerator
 * first seeing the new head, {@code detected_at}, minus our commit time; bounded by the poll), then
 * detected → commit start (the diff, both evidence layers, align and row building, and waiting for
 * the next checkpoint: until the first table of the checkpoint commit carrying the change is
 * committed), then the Delta commit itself (the remaining tables, up to repo_heads), read back from
 * the sink's commits table and the Delta logs. As a same-run baseline, the per-file work alone (CST
 * layer, CPython layer, fusion into rows) on the same changed file contents, outside Flink, shows how
 * much of the latency is the work and how much is waiting and committing.
 *
 * <p>Commits are placed on a fixed grid (start + k × interval; a slot that passes while the previous
 * commit is still on its way is skipped) plus a seeded random offset under {@link #JITTER_MS}, so
 * their phase against the checkpoint timer and the source's poll neither locks to "just after a
 * checkpoint" (when the latency exceeds the interval) nor to one point of a timer whose period
 * divides the interval (3 s against 1 s checkpoints and a 250 ms poll).
 *
 * <p>Usage: {@code java -cp codeanatomy.jar io.codeanatomy.job.bench.WatchLatencyBenchmark REPO_DIR WAREHOUSE_ROOT
 * [--changes N] [--interval-ms M] [--checkpoint-intervals 1s,5s] [--parallelism P] [--exclude GLOB,...]}
 */
public final class WatchLatencyBenchmark {
    /** How often the watch job's enumerator reads the branch head. */
    static final Duration POLL = Duration.ofMillis(250);
    /** How often we read repo_heads while waiting for a commit to become visible. */
    static final long VISIBLE_POLL_MS = 20;
    static final String REPO_ID = "stdlib";
    static final String BRANCH = "main";
    static final Duration INITIAL_TIMEOUT = Duration.ofMinutes(30);
    static final Duration CHANGE_TIMEOUT = Duration.ofMinutes(3);
    static final PersonIdent AUTHOR_TEMPLATE = new PersonIdent("CodeAnatomy Bench", "bench@codeanatomy.invalid");
    /** Rounds of the per-file baseline: the first ones warm the JIT and the CPython helper up. */
    static final int BASELINE_WARMUP_ROUNDS = 3;
    static final int BASELINE_ROUNDS = 7;
    /** Each commit is delayed by a random offset below this, from a fixed seed (see the class comment). */
    static final int JITTER_MS = 1000;
    static final long JITTER_SEED = 20240601L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private WatchLatencyBenchmark() {
    }

    /** One timed commit. All times are epoch milliseconds of this JVM's clock, as detected_at is. */
    static final class Change {
        String path;
        byte[] content;
        String commit;
        long committedAt;
        long commitCallMs;
        long detectedAt;
        long visibleAt;
        int polls;
        /** When the first checkpoint commit after detection wrote its first table (files): the Delta commit begins. */
        long commitStartAt;
        /** Checkpoint commits between detection and visibility (2 when the file and the head marker were split). */
        int checkpoints;
        /** Data file bytes the checkpoint commit(s) added, and removed (rewritten or replaced), over all tables. */
        long bytesAdded;
        long bytesRemoved;
        /** Table commits between our commit and visibility that are not checkpoint commits: compaction. */
        int maintenanceCommits;

        long latency() {
            return visibleAt - committedAt;
        }

        long detection() {
            return detectedAt - committedAt;
        }

        long pipeline() {
            return visibleAt - detectedAt;
        }

        long toCommit() {
            return commitStartAt - detectedAt;
        }

        long deltaCommit() {
            return visibleAt - commitStartAt;
        }
    }

    static final class Run {
        final Duration checkpoint;
        long initialIndexMs;
        final List<Change> changes = new ArrayList<>();
        int skippedSlots;
        int unattributed;
        long pollCalls;
        long pollNanos;

        Run(Duration checkpoint) {
            this.checkpoint = checkpoint;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: WatchLatencyBenchmark REPO_DIR WAREHOUSE_ROOT [--changes N] [--interval-ms M]"
                    + " [--checkpoint-intervals 1s,5s] [--parallelism P] [--exclude GLOB,...]");
            System.exit(2);
        }
        Path repoDir = Path.of(args[0]).toAbsolutePath();
        Path warehouseRoot = Path.of(args[1]).toAbsolutePath();
        int changes = 20;
        long intervalMs = 3000;
        List<Duration> checkpoints = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5));
        int parallelism = 2;
        List<String> excludes = List.of();
        for (int i = 2; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--changes": changes = Integer.parseInt(value); break;
                case "--interval-ms": intervalMs = Long.parseLong(value); break;
                case "--checkpoint-intervals":
                    checkpoints = Stream.of(value.split(",")).map(Durations::parse).collect(Collectors.toList());
                    break;
                case "--parallelism": parallelism = Integer.parseInt(value); break;
                case "--exclude":
                    excludes = Stream.of(value.split(",")).filter(s -> !s.isBlank()).collect(Collectors.toList());
                    break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        FileSelector selector = new FileSelector(List.of(), excludes, FileSelector.DEFAULT_MAX_FILE_BYTES);
        List<String> modules = modules(repoDir, selector, changes);
        System.out.printf(Locale.ROOT, "repo=%s files=%d changes=%d interval_ms=%d (+ random 0-%d)"
                        + " parallelism=%d source_poll_ms=%d visible_poll_ms=%d excludes=%s%n", repoDir,
                countSelected(repoDir, selector), changes, intervalMs, JITTER_MS - 1, parallelism, POLL.toMillis(),
                VISIBLE_POLL_MS, excludes.isEmpty() ? "none" : String.join(",", excludes));
        System.out.println("changed modules: " + String.join(" ", modules));

        Map<Duration, Run> runs = new LinkedHashMap<>();
        for (Duration checkpoint : checkpoints) {
            Path warehouse = warehouseRoot.resolve("wh-" + label(checkpoint));
            runs.put(checkpoint, run(repoDir, warehouse, selector, parallelism, checkpoint, modules, intervalMs));
        }

        List<Change> all = runs.values().stream().flatMap(r -> r.changes.stream()).collect(Collectors.toList());
        Baseline baseline = baseline(all);

        System.out.println();
        for (Run r : runs.values()) {
            String cp = label(r.checkpoint);
            List<Change> cs = r.changes;
            long p50 = pct(cs, Change::latency, 50);
            System.out.printf(Locale.ROOT, "RESULT checkpoint=%s changes=%d initial_index_s=%.1f latency_p50_ms=%d"
                            + " latency_p95_ms=%d latency_max_ms=%d%n", cp, cs.size(), r.initialIndexMs / 1000.0,
                    p50, pct(cs, Change::latency, 95), pct(cs, Change::latency, 100));
            System.out.printf(Locale.ROOT, "RESULT checkpoint=%s breakdown_p50_ms detection=%d detected_to_visible=%d"
                            + " (to_commit_start=%d delta_commit=%d)%n", cp, pct(cs, Change::detection, 50),
                    pct(cs, Change::pipeline, 50), pct(cs, Change::toCommit, 50), pct(cs, Change::deltaCommit, 50));
            System.out.printf(Locale.ROOT, "RESULT checkpoint=%s p95/max_ms detection=%d/%d detected_to_visible=%d/%d"
                            + " to_commit_start=%d/%d delta_commit=%d/%d%n", cp,
                    pct(cs, Change::detection, 95), pct(cs, Change::detection, 100),
                    pct(cs, Change::pipeline, 95), pct(cs, Change::pipeline, 100),
                    pct(cs, Change::toCommit, 95), pct(cs, Change::toCommit, 100),
                    pct(cs, Change::deltaCommit, 95), pct(cs, Change::deltaCommit, 100));
            System.out.printf(Locale.ROOT, "RESULT checkpoint=%s delta_bytes_added_p50_MB=%.1f delta_bytes_removed_p50_MB=%.1f"
                            + " changed_file_bytes_p50=%d changes_split_over_2_checkpoints=%d changes_delayed_by_compaction=%d"
                            + " unattributed=%d%n", cp, pct(cs, c -> c.bytesAdded, 50) / 1048576.0,
                    pct(cs, c -> c.bytesRemoved, 50) / 1048576.0, pct(cs, c -> c.content.length, 50),
                    cs.stream().filter(c -> c.checkpoints > 1).count(), cs.stream().filter(c -> c.maintenanceCommits > 0).count(),
                    r.unattributed);
            System.out.printf(Locale.ROOT, "RESULT checkpoint=%s work_share per_file_work/latency_p50=%.4f"
                            + " per_file_work/to_commit_start_p50=%.3f skipped_slots=%d repo_heads_read_mean_ms=%.1f%n", cp,
                    baseline.totalP50Ms / p50, baseline.totalP50Ms / Math.max(1, pct(cs, Change::toCommit, 50)),
                    r.skippedSlots, r.pollCalls == 0 ? 0.0 : r.pollNanos / 1e6 / r.pollCalls);
        }
        System.out.printf(Locale.ROOT, "RESULT baseline files=%d file_bytes_p50=%d cst_p50_ms=%.2f cpython_p50_ms=%.2f"
                        + " fuse_p50_ms=%.2f per_file_work_p50_ms=%.2f%n", baseline.files, baseline.bytesP50, baseline.cstP50Ms,
                baseline.cpythonP50Ms, baseline.fuseP50Ms, baseline.totalP50Ms);
        Run oneSecond = runs.get(Duration.ofSeconds(1));
        Run fiveSeconds = runs.get(Duration.ofSeconds(5));
        if (oneSecond != null && fiveSeconds != null) {
            System.out.printf(Locale.ROOT, "RESULT ratio p50(5s)/p50(1s)=%.2f%n",
                    (double) pct(fiveSeconds.changes, Change::latency, 50) / pct(oneSecond.changes, Change::latency, 50));
        }
    }

    private static Run run(Path repoDir, Path warehouse, FileSelector selector, int parallelism, Duration checkpoint,
                           List<String> modules, long intervalMs) throws Exception {
        Run run = new Run(checkpoint);
        String cp = label(checkpoint);
        System.out.printf(Locale.ROOT, "%n== checkpoint interval %s, warehouse %s ==%n", cp, warehouse);
        Engine engine = EngineFactory.create();
        try (Git git = Git.open(repoDir.toFile())) {
            ObjectId initial = git.getRepository().resolve("refs/heads/" + BRANCH);
            if (initial == null) {
                throw new IllegalStateException(repoDir + " has no branch " + BRANCH);
            }
            WatchSettings settings = new WatchSettings(List.of(new WatchedRepo(repoDir.toFile(), REPO_ID, BRANCH)),
                    warehouse.toFile(), selector, parallelism, POLL, checkpoint, LayerSettings.defaults());
            long start = System.currentTimeMillis();
            Configuration conf = new Configuration();
            conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false); // Hadoop's shutdown hook reaches the closed job class loader
            JobClient job = WatchJob.start(StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf), settings);
            try {
                awaitInitial(engine, warehouse, initial.name(), start);
                run.initialIndexMs = System.currentTimeMillis() - start;
                System.out.printf(Locale.ROOT, "initial index of %s visible after %.1f s%n", initial.name(),
                        run.initialIndexMs / 1000.0);

                Random jitter = new Random(JITTER_SEED);
                long grid = System.currentTimeMillis();
                long slot = 0;
                for (int i = 0; i < modules.size(); i++) {
                    long offset = jitter.nextInt(JITTER_MS);
                    long due = grid + slot * intervalMs + offset;
                    long now = System.currentTimeMillis();
                    while (due < now) { // the previous commit took longer than the interval: next free slot
                        slot++;
                        run.skippedSlots++;
                        due = grid + slot * intervalMs + offset;
                    }
                    Thread.sleep(due - now);
                    slot++;
                    Change c = commitChange(git, repoDir, modules.get(i), cp, i);
                    awaitVisible(engine, warehouse, c, run);
                    if (!attribute(warehouse, c)) {
                        run.unattributed++;
                    }
                    run.changes.add(c);
                    System.out.printf(Locale.ROOT, "%s change %2d %-20s %6d B  latency %5d ms = detection %4d + to commit"
                                    + " start %5d + delta commit %5d; %d checkpoint(s), %.1f MB added, %.1f MB removed%s"
                                    + " (commit call %d ms, %d reads)%n", cp, i + 1, c.path, c.content.length, c.latency(),
                            c.detection(), c.toCommit(), c.deltaCommit(), c.checkpoints, c.bytesAdded / 1048576.0,
                            c.bytesRemoved / 1048576.0, c.maintenanceCommits > 0 ? ", after a compaction" : "",
                            c.commitCallMs, c.polls);
                }
            } finally {
                job.cancel().get(2, TimeUnit.MINUTES);
            }
        }
        return run;
    }

    /** Appends a small function to {@code path} and commits it; the time is taken right after the commit returns. */
    private static Change commitChange(Git git, Path repoDir, String path, String run, int index) throws Exception {
        String name = "_codeanatomy_bench_" + run + "_" + index;
        String function = "\n\ndef " + name + "(values, scale=1):\n"
                + "    \"\"\"Added by the watch latency benchmark.\"\"\"\n"
                + "    total = 0\n"
                + "    for value in values:\n"
                + "        total += value * scale\n"
                + "    return total\n";
        Path file = repoDir.resolve(path);
        Files.write(file, function.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        Change c = new Change();
        c.path = path;
        c.content = Files.readAllBytes(file);
        long before = System.nanoTime();
        git.add().addFilepattern(path).call();
        PersonIdent who = new PersonIdent(AUTHOR_TEMPLATE, System.currentTimeMillis(), 0);
        c.commit = git.commit().setMessage("bench: " + name + " in " + path).setAuthor(who).setCommitter(who)
                .setSign(false).call().name();
        c.committedAt = System.currentTimeMillis();
        c.commitCallMs = (System.nanoTime() - before) / 1_000_000;
        return c;
    }

    private static void awaitInitial(Engine engine, Path warehouse, String commit, long start) throws Exception {
        long deadline = start + INITIAL_TIMEOUT.toMillis();
        long nextReport = start + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (head(engine, warehouse).map(h -> h.commit.equals(commit)).orElse(false)) {
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
    private static void awaitVisible(Engine engine, Path warehouse, Change c, Run run) throws Exception {
        long deadline = c.committedAt + CHANGE_TIMEOUT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            long at = System.currentTimeMillis();
            long t0 = System.nanoTime();
            Optional<RepoHead> head = head(engine, warehouse);
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

    /**
     * Where the detected → visible time went, from the Delta logs: a checkpoint commit of the sink carries a
     * {@code txn} action (application id, checkpoint id), a compaction does not. The checkpoint commits whose
     * files-table version (the first table committed) falls between detection and visibility carried the
     * change; the earliest of those times is when the Delta commit began. Their versions in every table give
     * the bytes added and removed. A commit without txn between our commit and visibility is maintenance
     * (compaction) that the change waited behind. Returns false when no checkpoint commit was found (the
     * commit start is then taken as the visible time).
     */
    private static boolean attribute(Path warehouse, Change c) throws IOException {
        Set<String> carrying = new HashSet<>();
        long start = Long.MAX_VALUE;
        for (LogVersion v : logVersionsSince(warehouse, CpgSchema.FILES, c.committedAt)) {
            if (v.txn != null && v.timestamp >= c.detectedAt && v.timestamp <= c.visibleAt) {
                carrying.add(v.txn);
                start = Math.min(start, v.timestamp);
            }
        }
        for (TableSpec spec : CpgSchema.TABLES.tables()) {
            for (LogVersion v : logVersionsSince(warehouse, spec.name(), c.committedAt)) {
                if (v.txn != null && carrying.contains(v.txn)) {
                    c.bytesAdded += v.added;
                    c.bytesRemoved += v.removed;
                } else if (v.txn == null && v.timestamp >= c.committedAt && v.timestamp <= c.visibleAt) {
                    c.maintenanceCommits++;
                }
            }
        }
        c.checkpoints = carrying.size();
        c.commitStartAt = carrying.isEmpty() ? c.visibleAt : start;
        return !carrying.isEmpty();
    }

    static final class LogVersion {
        long timestamp;
        /** "appId/checkpoint" of a sink commit; null for a commit without txn (compaction, table creation). */
        String txn;
        long added;
        long removed;
    }

    /** The versions of a table's Delta log written at or after {@code since} (by file time, then read). */
    private static List<LogVersion> logVersionsSince(Path warehouse, String table, long since) throws IOException {
        List<LogVersion> out = new ArrayList<>();
        try (Stream<Path> logs = Files.list(warehouse.resolve(table).resolve("_delta_log"))) {
            for (Path log : (Iterable<Path>) logs.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json"))::iterator) {
                if (Files.getLastModifiedTime(log).toMillis() >= since - 1000) {
                    out.add(logVersion(log));
                }
            }
        }
        return out;
    }

    private static Path deltaLog(Path warehouse, String table, long version) {
        return warehouse.resolve(table).resolve("_delta_log").resolve(String.format(Locale.ROOT, "%020d.json", version));
    }

    private static LogVersion logVersion(Path log) throws IOException {
        LogVersion v = new LogVersion();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (n.has("commitInfo")) {
                v.timestamp = n.get("commitInfo").path("timestamp").asLong();
            } else if (n.has("txn")) {
                v.txn = n.get("txn").path("appId").asText() + "/" + n.get("txn").path("version").asLong();
            } else if (n.has("add")) {
                v.added += n.get("add").path("size").asLong();
            } else if (n.has("remove")) {
                v.removed += n.get("remove").path("size").asLong();
            }
        }
        return v;
    }

    private static Optional<RepoHead> head(Engine engine, Path warehouse) {
        try {
            return RepoHead.of(engine, warehouse.toString(), REPO_ID);
        } catch (RuntimeException e) { // a table being created or a log being written: read again
            return Optional.empty();
        }
    }

    /** {@code n} different top-level modules of the repository (no leading underscore), spread evenly over their sorted list. */
    private static List<String> modules(Path repoDir, FileSelector selector, int n) throws Exception {
        List<String> candidates;
        try (Stream<Path> list = Files.list(repoDir)) {
            candidates = list.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".py") && !f.startsWith("_") && selector.select(f).isPresent())
                    .sorted()
                    .collect(Collectors.toList());
        }
        if (candidates.size() < n) {
            throw new IllegalArgumentException(repoDir + " has only " + candidates.size() + " top-level modules, "
                    + n + " changes asked for");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(candidates.get((int) ((long) i * candidates.size() / n)));
        }
        return out;
    }

    private static long countSelected(Path repoDir, FileSelector selector) throws Exception {
        try (Stream<Path> walk = Files.walk(repoDir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> repoDir.relativize(p).toString().replace(File.separatorChar, '/'))
                    .filter(p -> !p.startsWith(".git/") && selector.select(p).isPresent())
                    .count();
        }
    }

    static final class Baseline {
        int files;
        long bytesP50;
        double cstP50Ms;
        double cpythonP50Ms;
        double fuseP50Ms;
        double totalP50Ms;
    }

    /**
     * The per-file work alone, outside Flink, on the committed contents: CST layer (tree-sitter and
     * scopes, encoded), CPython layer (the helper's ast and symtable facts, encoded) and fusion into
     * rows, one file at a time on one thread. Per file the median of the timed rounds; reported is
     * the median over files.
     */
    private static Baseline baseline(List<Change> changes) throws Exception {
        System.out.println();
        System.out.println("baseline: the per-file work alone on the " + changes.size() + " committed file versions ...");
        List<List<Double>> cst = new ArrayList<>();
        List<List<Double>> cpython = new ArrayList<>();
        List<List<Double>> fuse = new ArrayList<>();
        List<FileChange> fileChanges = new ArrayList<>();
        try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
            for (Change c : changes) {
                FileChange f = new FileChange();
                f.repo = REPO_ID;
                f.path = c.path;
                f.kind = ChangeKind.MODIFY;
                f.blobId = ids.idFor(Constants.OBJ_BLOB, c.content).name();
                f.commit = c.commit;
                f.language = "python";
                f.size = c.content.length;
                f.content = c.content;
                f.version = 2;
                fileChanges.add(f);
                cst.add(new ArrayList<>());
                cpython.add(new ArrayList<>());
                fuse.add(new ArrayList<>());
            }
        }
        PythonEvidenceFusion fusion = new PythonEvidenceFusion();
        try (CstLayer layer = new CstLayer(LayerSettings.defaults().syntaxNodes);
             CPythonHelper helper = new CPythonHelper(LayerSettings.defaults().pythonExecutable,
                     LayerSettings.defaults().cpythonTimeout, 1)) {
            for (int round = 0; round < BASELINE_WARMUP_ROUNDS + BASELINE_ROUNDS; round++) {
                for (int i = 0; i < fileChanges.size(); i++) {
                    FileChange f = fileChanges.get(i);
                    long t0 = System.nanoTime();
                    byte[] cstPayload = layer.evidence(f).payload;
                    long t1 = System.nanoTime();
                    byte[] cpythonPayload = CPythonFactsCodec.encode(helper.facts(f.path, f.content));
                    long t2 = System.nanoTime();
                    Map<EvidenceLayer, byte[]> layers = new EnumMap<>(EvidenceLayer.class);
                    layers.put(EvidenceLayer.CST, cstPayload);
                    layers.put(EvidenceLayer.CPYTHON, cpythonPayload);
                    fusion.fuse(FileHeader.of(f), layers, Set.of());
                    long t3 = System.nanoTime();
                    if (round >= BASELINE_WARMUP_ROUNDS) {
                        cst.get(i).add((t1 - t0) / 1e6);
                        cpython.get(i).add((t2 - t1) / 1e6);
                        fuse.get(i).add((t3 - t2) / 1e6);
                    }
                }
            }
        }
        Baseline b = new Baseline();
        b.files = fileChanges.size();
        List<Long> bytes = fileChanges.stream().map(f -> f.size).sorted().collect(Collectors.toList());
        b.bytesP50 = bytes.get(rank(bytes.size(), 50));
        List<Double> cstPerFile = medians(cst);
        List<Double> cpythonPerFile = medians(cpython);
        List<Double> fusePerFile = medians(fuse);
        List<Double> totalPerFile = new ArrayList<>();
        for (int i = 0; i < cstPerFile.size(); i++) {
            totalPerFile.add(cstPerFile.get(i) + cpythonPerFile.get(i) + fusePerFile.get(i));
        }
        b.cstP50Ms = median(cstPerFile);
        b.cpythonP50Ms = median(cpythonPerFile);
        b.fuseP50Ms = median(fusePerFile);
        b.totalP50Ms = median(totalPerFile);
        return b;
    }

    private static List<Double> medians(List<List<Double>> perFile) {
        return perFile.stream().map(WatchLatencyBenchmark::median).collect(Collectors.toList());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(rank(sorted.size(), 50));
    }

    /** Nearest-rank percentile (100 is the maximum). */
    private static long pct(List<Change> changes, ToLongFunction<Change> f, int p) {
        List<Long> values = changes.stream().map(f::applyAsLong).sorted().collect(Collectors.toList());
        return values.get(rank(values.size(), p));
    }

    private static int rank(int n, int p) {
        return Math.max(0, (int) Math.ceil(p / 100.0 * n) - 1);
    }

    private static String label(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
