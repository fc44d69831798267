package io.codeanatomy.job;

import io.codeanatomy.job.cli.CodeAnatomyMain;
import io.codeanatomy.job.warehouse.RepoHead;
import io.codeanatomy.job.watch.WatchCommand;
import io.codeanatomy.schema.CpgSchema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `codeanatomy watch` as a user runs it: logs each commit with its latency, stops after a final commit, resumes. */
class WatchCommandTest {
    @TempDir
    Path tmp;

    /**
     * Stop is stop-with-savepoint, not drain: what the sink holds is committed, and a commit the
     * source was half way through is not marked indexed (docs/decisions.md, "Stop"). So a commit
     * made just before the stop may or may not be visible after it, but what repo_heads names is
     * whole, and the next run resumes from it and makes the rest visible.
     */
    @Test
    void logsEachCommitStopsAfterAFinalCommitAndTheNextRunResumes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path warehouse = tmp.resolve("wh");
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), List.of("textwrap.py", "fnmatch.py"))) {
            String first = repo.commit("first");
            CompletableFuture<Void> stop = new CompletableFuture<>();
            CompletableFuture<Integer> exit = watch(repo, warehouse, bytes, stop);
            awaitOutput(bytes, first.substring(0, 12) + " visible");
            repo.copy("glob.py", "glob.py");
            String second = repo.commit("second");
            awaitOutput(bytes, second.substring(0, 12) + " visible");
            repo.copy("heapq.py", "heapq.py");
            String third = repo.commit("third");
            Thread.sleep(400); // stop while the third commit is (most likely) in flight
            stop.complete(null);
            assertEquals(0, exit.get(120, TimeUnit.SECONDS), bytes.toString(StandardCharsets.UTF_8));
            String log = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(log.contains("ms after it was seen"), log);
            assertTrue(log.contains("stopped;"), log);
            String held = RepoHead.of(warehouse.toString(), "repo").orElseThrow().commit;
            assertTrue(held.equals(third) || held.equals(second), "a commit seen in this run: " + held);
            if (held.equals(third)) {
                assertTrue(paths(warehouse).contains("heapq.py"), "repo_heads names the third commit, so it is whole");
            }

            // The next run starts from what repo_heads names; a fourth commit seen visible there means
            // the run is past the third, whichever run committed it.
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            CompletableFuture<Void> stopAgain = new CompletableFuture<>();
            CompletableFuture<Integer> exitAgain = watch(repo, warehouse, again, stopAgain);
            repo.copy("bisect.py", "bisect.py");
            String fourth = repo.commit("fourth");
            awaitOutput(again, fourth.substring(0, 12) + " visible");
            stopAgain.complete(null);
            assertEquals(0, exitAgain.get(120, TimeUnit.SECONDS), again.toString(StandardCharsets.UTF_8));
            assertEquals(fourth, RepoHead.of(warehouse.toString(), "repo").orElseThrow().commit);
            assertEquals(Set.of("textwrap.py", "fnmatch.py", "glob.py", "heapq.py", "bisect.py"), paths(warehouse),
                    "the third commit's file is there even if the first run stopped before committing it");
        }
    }

    /** A stop asked for before the job's tasks run (Ctrl-C right after the start) still ends after a final savepoint. */
    @Test
    void aStopBeforeTheTasksRunStillEndsCleanly() throws Exception {
        Path warehouse = tmp.resolve("wh");
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), List.of("textwrap.py"))) {
            repo.commit("first");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CompletableFuture<Void> stop = CompletableFuture.completedFuture(null);
            assertEquals(0, watch(repo, warehouse, bytes, stop).get(5, TimeUnit.MINUTES), bytes.toString(StandardCharsets.UTF_8));
            assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("stopped;"), bytes.toString(StandardCharsets.UTF_8));
        }
    }

    private static CompletableFuture<Integer> watch(StdlibRepo repo, Path warehouse, ByteArrayOutputStream bytes,
                                                    CompletableFuture<Void> stop) {
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return WatchCommand.run(new String[] {"--repo", repo.dir.toString(), "--warehouse", warehouse.toString(),
                        "--poll", "100ms", "--checkpoint-interval", "300ms", "--parallelism", "1"}, out, stop);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Set<String> paths(Path warehouse) {
        return WarehouseRows.read(warehouse).rows(CpgSchema.FILES).stream().map(r -> r.string("path"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void badSettingsFailFastNamingTheSetting() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errs = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, CodeAnatomyMain.run(new String[] {"watch", "--warehouse", tmp.toString()}, out, errs));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--repo is required"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, CodeAnatomyMain.run(new String[] {"watch", "--repo", tmp.toString(), "--warehouse",
                tmp.resolve("wh").toString()}, out, errs));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not a git repository"), err.toString(StandardCharsets.UTF_8));
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), List.of("textwrap.py"))) {
            repo.commit("first");
            assertEquals(2, CodeAnatomyMain.run(new String[] {"watch", "--repo", repo.dir.toString(), "--warehouse",
                    tmp.resolve("wh").toString(), "--branch", "nope"}, out, errs));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("--branch nope"), err.toString(StandardCharsets.UTF_8));
            assertEquals(2, CodeAnatomyMain.run(new String[] {"watch", "--repo", repo.dir.toString(), "--warehouse",
                    tmp.resolve("wh").toString(), "--poll", "0s"}, out, errs));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("--poll"), err.toString(StandardCharsets.UTF_8));
        }
    }

    private static void awaitOutput(ByteArrayOutputStream bytes, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (bytes.toString(StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' in the output:\n" + bytes.toString(StandardCharsets.UTF_8));
    }
}
