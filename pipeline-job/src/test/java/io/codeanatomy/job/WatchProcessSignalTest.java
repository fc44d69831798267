package io.codeanatomy.job;

import io.codeanatomy.job.warehouse.RepoHead;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code codeanatomy watch} as its own process, stopped by a real SIGTERM (what Ctrl-C, {@code kill} and
 * Kubernetes send), not by a test hook: its shutdown hook takes the final savepoint and says so before
 * the JVM exits with the signal's status (143), the warehouse holds the commit it had made visible, and
 * the savepoint's private directory is gone.
 */
class WatchProcessSignalTest {
    @TempDir
    Path tmp;

    @Test
    void aRealSigtermStopsWatchAfterAFinalCommit() throws Exception {
        Path warehouse = tmp.resolve("wh");
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), List.of("textwrap.py", "fnmatch.py"))) {
            String first = repo.commit("first");
            Path javaTmp = java.nio.file.Files.createDirectories(tmp.resolve("java-tmp"));
            try (CommandProcess watch = CommandProcess.start(tmp.resolve("run"), "watch",
                    List.of("-Djava.io.tmpdir=" + javaTmp), List.of("watch", "--repo",
                    repo.dir.toString(), "--warehouse", warehouse.toString(), "--poll", "100ms", "--checkpoint-interval",
                    "300ms", "--parallelism", "1"))) {
                watch.awaitOutput(first.substring(0, 12) + " visible", Duration.ofSeconds(120));
                int status = watch.terminate(Duration.ofSeconds(120));
                String all = watch.output();
                assertEquals(128 + 15, status, "the JVM's status for SIGTERM, after its shutdown hook: " + all);
                assertTrue(all.contains("taking a final savepoint"), all);
                assertTrue(all.contains("stopped;"), all);
                assertEquals(first, RepoHead.of(warehouse.toString(), "repo").orElseThrow().commit);
                // The final savepoint's private directory only served the commit: each stop used to leave one.
                try (var left = java.nio.file.Files.list(javaTmp)) {
                    assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith("codeanatomy-watch-savepoint")).toList());
                }
            }
        }
    }
}
