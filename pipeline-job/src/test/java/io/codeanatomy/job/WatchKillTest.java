package io.codeanatomy.job;

import io.codeanatomy.job.warehouse.RepoHead;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash anywhere: {@code codeanatomy watch} runs as its own process and is killed with SIGKILL (no
 * shutdown hook, no final commit) again and again while commits keep arriving: during the
 * repository's first index, right after a table's Delta commit (so before the checkpoint's other
 * tables), while a checkpoint is taken, after a commit became visible, and at random. Each time a new
 * process starts from what the warehouse holds. At the end, one last process catches up with the head
 * and every table equals a fresh {@code index} of that head, row for row (the commit column aside:
 * a followed history names the commit that last changed each file).
 *
 * <p>{@code -Dkills=N} and {@code -Dkill.seed=S} replay another schedule; the history of commits is
 * seeded too, but where a kill lands depends on timing, so the test logs each kill's landing place.
 */
@Tag("slow")
class WatchKillTest {
    private static final int KILLS = Integer.getInteger("kills", 20);
    private static final long SEED = Long.getLong("kill.seed", 20261129L);
    private static final Duration TRIGGER_WITHIN = Duration.ofSeconds(60);
    private static final Pattern TABLE_COMMITTED = Pattern.compile("TableCommit - committed");
    private static final Pattern CHECKPOINT_COMMITTED = Pattern.compile("DeltaCommitter - checkpoint \\d+ of \\S+ committed");
    private static final Pattern CHECKPOINT_TRIGGERED = Pattern.compile("Triggering checkpoint \\d+");
    private static final Pattern DIFF_COMPUTED = Pattern.compile("GitChangeReader - \\S+: \\S+ -> \\S+: \\d+ changes");

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) // the runs' logs stay for a failure
    Path tmp;

    /** Where a kill is aimed. */
    enum KillPoint {
        FIRST_INDEX, AFTER_A_TABLE_COMMIT, DURING_A_CHECKPOINT, AFTER_A_VISIBLE_COMMIT, ANYWHERE
    }

    @Test
    void everyTableEqualsAFreshIndexOfTheHeadAfterRepeatedSigkills() throws Exception {
        Random schedule = new Random(SEED);
        Path warehouse = tmp.resolve("wh");
        List<String> landings = new ArrayList<>();
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), StdlibRepo.filesUnder("json", "html", "logging", "email"))) {
            repo.commit("initial");
            History history = new History(repo, new Random(SEED + 1), StdlibRepo.filesUnder("http", "urllib", "xmlrpc"));
            Thread committer = new Thread(history, "committer");
            committer.start();
            try {
                for (int i = 0; i < KILLS; i++) {
                    KillPoint aim = i == 0 ? KillPoint.FIRST_INDEX
                            : KillPoint.values()[1 + schedule.nextInt(KillPoint.values().length - 1)];
                    try (CommandProcess watch = CommandProcess.start(tmp.resolve("runs"), "watch-" + i, watch(repo, warehouse))) {
                        boolean triggered = awaitTrigger(watch, aim, schedule);
                        watch.kill();
                        String landing = landing(watch.log());
                        var held = RepoHead.of(warehouse.toString(), "repo");
                        if (held.isPresent() && landing.contains("tables of checkpoint")) {
                            // The worst case for a half-committed checkpoint: the commits its rows came
                            // from vanish (a force push back to what the warehouse shows) while no one runs.
                            history.rewriteTo(held.get().commit);
                            landing += ", then a force push back to the visible head";
                        }
                        landings.add(i + " " + aim + (triggered ? "" : " (trigger not seen)") + ": " + landing
                                + (held.isEmpty() ? ", no head yet" : ""));
                    }
                }
            } finally {
                history.stop();
                committer.join();
            }
            if (history.failure.get() != null) {
                throw new AssertionError("the committer failed", history.failure.get());
            }
            System.out.println("kills (" + history.commits + " commits while they happened):\n  " + String.join("\n  ", landings));
            String head = history.head.get();
            try (CommandProcess last = CommandProcess.start(tmp.resolve("runs"), "watch-last", watch(repo, warehouse))) {
                awaitHead(warehouse, head, last);
                last.terminate(Duration.ofSeconds(120));
            }
            Path fresh = tmp.resolve("fresh");
            try (CommandProcess index = CommandProcess.start(tmp.resolve("runs"), "index", List.of("index", "--repo",
                    repo.dir.toString(), "--warehouse", fresh.toString(), "--parallelism", "2"))) {
                assertEquals(0, index.awaitExit(Duration.ofMinutes(5)), index.output());
            }
            System.out.println("runs, warehouse and repository of this test: " + tmp);
            assertTablesEqual(WarehouseRows.read(fresh).withoutCommit(), WarehouseRows.read(warehouse).withoutCommit());
        }
        assertTrue(landings.stream().anyMatch(l -> l.contains("no head yet")), "a kill landed in the first index: " + landings);
        assertTrue(landings.stream().anyMatch(l -> l.contains("tables of checkpoint")),
                "a kill landed between two tables' commits of a checkpoint: " + landings);
    }

    private static List<String> watch(StdlibRepo repo, Path warehouse) {
        return List.of("watch", "--repo", repo.dir.toString(), "--warehouse", warehouse.toString(), "--poll", "100ms",
                "--checkpoint-interval", "500ms", "--parallelism", "2");
    }

    /** Waits for the moment {@code aim} names; false if it did not come within {@link #TRIGGER_WITHIN}. */
    private static boolean awaitTrigger(CommandProcess watch, KillPoint aim, Random schedule) throws Exception {
        return switch (aim) {
            case FIRST_INDEX -> {
                boolean seen = awaitLog(watch, DIFF_COMPUTED, 1);
                Thread.sleep(schedule.nextInt(2000));
                yield seen;
            }
            case AFTER_A_TABLE_COMMIT -> {
                // Some checkpoints in, then one to three tables into the next one.
                boolean seen = awaitLog(watch, CHECKPOINT_COMMITTED, 1 + schedule.nextInt(3));
                yield seen && awaitLog(watch, TABLE_COMMITTED, count(TABLE_COMMITTED, watch.log()) + 1 + schedule.nextInt(3));
            }
            case DURING_A_CHECKPOINT -> {
                boolean seen = awaitLog(watch, CHECKPOINT_TRIGGERED, 1 + schedule.nextInt(6));
                Thread.sleep(schedule.nextInt(150));
                yield seen;
            }
            case AFTER_A_VISIBLE_COMMIT -> {
                boolean seen = awaitOutput(watch, " visible");
                Thread.sleep(schedule.nextInt(1500));
                yield seen;
            }
            case ANYWHERE -> {
                Thread.sleep(2000 + schedule.nextInt(8000));
                yield true;
            }
        };
    }

    private static boolean awaitLog(CommandProcess watch, Pattern line, int times) throws Exception {
        long deadline = System.nanoTime() + TRIGGER_WITHIN.toNanos();
        while (System.nanoTime() < deadline && watch.isAlive()) {
            if (count(line, watch.log()) >= times) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private static boolean awaitOutput(CommandProcess watch, String text) throws Exception {
        long deadline = System.nanoTime() + TRIGGER_WITHIN.toNanos();
        while (System.nanoTime() < deadline && watch.isAlive()) {
            if (watch.output().contains(text)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Where the killed process was, as its log tells: how many tables of an unfinished checkpoint it had committed. */
    private static String landing(String log) {
        int lastCheckpoint = -1;
        Matcher m = CHECKPOINT_COMMITTED.matcher(log);
        while (m.find()) {
            lastCheckpoint = m.end();
        }
        int after = count(TABLE_COMMITTED, log.substring(Math.max(0, lastCheckpoint)));
        int checkpoints = count(CHECKPOINT_COMMITTED, log);
        return checkpoints + " checkpoints committed" + (after > 0 ? ", then " + after + " tables of checkpoint "
                + (checkpoints + 1) + " before the kill" : "");
    }

    private static int count(Pattern line, String text) {
        int n = 0;
        Matcher m = line.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void awaitHead(Path warehouse, String head, CommandProcess watch) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline && watch.isAlive()) {
            if (RepoHead.of(warehouse.toString(), "repo").map(h -> h.commit.equals(head)).orElse(false)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(head + " never became visible:\n" + watch.output());
    }

    /** Per table, the rows only one side has, by path: what a mismatch is about, not 10,000 lines. */
    private static void assertTablesEqual(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        List<String> differences = new ArrayList<>();
        for (String table : expected.keySet()) {
            List<String> onlyExpected = new ArrayList<>(expected.get(table));
            onlyExpected.removeAll(new TreeSet<>(actual.get(table)));
            List<String> onlyActual = new ArrayList<>(actual.get(table));
            onlyActual.removeAll(new TreeSet<>(expected.get(table)));
            if (!onlyExpected.isEmpty() || !onlyActual.isEmpty() || expected.get(table).size() != actual.get(table).size()) {
                differences.add(table + ": " + actual.get(table).size() + " rows, a fresh index has " + expected.get(table).size()
                        + "; only in the watched warehouse: " + onlyActual.size() + " " + paths(onlyActual)
                        + "; only in the fresh index: " + onlyExpected.size() + " " + paths(onlyExpected)
                        + "; for example " + onlyActual.stream().limit(3).toList() + " / " + onlyExpected.stream().limit(3).toList());
            }
        }
        assertTrue(differences.isEmpty(), String.join("\n", differences));
    }

    /** The owner paths of some rows (the second field of every CPG row is its path). */
    private static Map<String, Integer> paths(List<String> rows) {
        Map<String, Integer> out = new TreeMap<>();
        for (String row : rows) {
            String[] fields = row.substring(1).split(", ", 3);
            out.merge(fields.length > 1 ? fields[1] : row, 1, Integer::sum);
        }
        return out;
    }

    /**
     * Commits to the repository every 0.2-2.5 s until stopped: edits (appended, prepended, replaced),
     * adds, deletes, renames, files added and deleted again in the next commit, and now and then a
     * force push one to three commits back (or to the commit the test asks for).
     */
    private static final class History implements Runnable {
        private final StdlibRepo repo;
        private final Random random;
        private final List<String> pool;
        private final List<String> files = new ArrayList<>();
        private final AtomicBoolean stopped = new AtomicBoolean();
        final AtomicReference<String> head = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile int commits;

        History(StdlibRepo repo, Random random, List<String> pool) throws Exception {
            this.repo = repo;
            this.random = random;
            this.pool = pool;
            try (var walk = Files.walk(repo.dir)) {
                walk.filter(p -> p.toString().endsWith(".py")).forEach(p -> files.add(repo.dir.relativize(p).toString()));
            }
            files.sort(String::compareTo);
        }

        private final AtomicReference<String> rewrite = new AtomicReference<>();
        private final List<String> line = new ArrayList<>();

        void stop() {
            stopped.set(true);
        }

        /** Asks for a force push: the branch goes back to {@code commit}, and the history goes on from there. */
        void rewriteTo(String commit) throws InterruptedException {
            rewrite.set(commit);
            while (rewrite.get() != null && !stopped.get()) {
                Thread.sleep(20);
            }
        }

        @Override
        public void run() {
            try {
                while (!stopped.get()) {
                    String back = rewrite.get();
                    if (back != null) {
                        rewind(back);
                        rewrite.set(null);
                    } else if (line.size() > 3 && random.nextInt(20) == 0) {
                        rewind(line.get(line.size() - 1 - random.nextInt(3)));
                    }
                    change(commits);
                    commit("change " + commits);
                    commits++;
                    Thread.sleep(200 + random.nextInt(2300));
                }
                commit("last");
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        private void change(int n) throws Exception {
            int op = files.size() < 15 ? 0 : files.size() > 45 ? 9 : random.nextInt(10);
            switch (op) {
                case 0, 1 -> add("added/m" + n + ".py");
                case 2, 3 -> edit(pick(), ("x_" + n + " = " + n + "\n").getBytes(StandardCharsets.UTF_8), random.nextBoolean());
                case 4 -> repo.copy(pool.get(random.nextInt(pool.size())), pick());
                case 5, 6 -> {
                    String from = files.remove(random.nextInt(files.size()));
                    String to = "moved/r" + n + "_" + Path.of(from).getFileName();
                    Files.createDirectories(repo.dir.resolve(to).getParent());
                    Files.move(repo.dir.resolve(from), repo.dir.resolve(to));
                    files.add(to);
                }
                case 7 -> { // there and gone again: a path the next commit no longer has
                    String flash = "flash/f" + n + ".py";
                    add(flash);
                    commit("add " + flash);
                    Thread.sleep(random.nextInt(800));
                    repo.delete(flash);
                    files.remove(flash);
                }
                default -> repo.delete(files.remove(random.nextInt(files.size())));
            }
        }

        private void commit(String message) throws Exception {
            head.set(repo.commit(message));
            line.add(head.get());
        }

        private void rewind(String commit) throws Exception {
            repo.resetHard(commit);
            while (!line.isEmpty() && !line.get(line.size() - 1).equals(commit)) {
                line.remove(line.size() - 1);
            }
            head.set(commit);
            files.clear();
            try (var walk = Files.walk(repo.dir)) {
                walk.filter(p -> p.toString().endsWith(".py") && !p.startsWith(repo.dir.resolve(".git")))
                        .forEach(p -> files.add(repo.dir.relativize(p).toString()));
            }
            files.sort(String::compareTo);
        }

        private String pick() {
            return files.get(random.nextInt(files.size()));
        }

        private void add(String path) throws Exception {
            repo.copy(pool.get(random.nextInt(pool.size())), path);
            files.add(path);
        }

        private void edit(String path, byte[] line, boolean prepend) throws Exception {
            byte[] old = Files.readAllBytes(repo.dir.resolve(path));
            byte[] out = new byte[old.length + line.length];
            System.arraycopy(prepend ? line : old, 0, out, 0, prepend ? line.length : old.length);
            System.arraycopy(prepend ? old : line, 0, out, prepend ? line.length : old.length, prepend ? old.length : line.length);
            repo.write(path, out);
        }
    }
}
