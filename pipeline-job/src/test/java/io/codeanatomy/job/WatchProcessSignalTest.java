package io.codeanatomy.job;

import io.codeanatomy.job.cli.CodeAnatomyMain;
import io.codeanatomy.job.warehouse.RepoHead;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code codeanatomy watch} as its own process, stopped by a real SIGTERM (what Ctrl-C, {@code kill} and
 * Kubernetes send), not by a test hook: its shutdown hook takes the final savepoint and says so before
 * the JVM exits with the signal's status (143), and the warehouse holds the commit it had made visible.
 */
class WatchProcessSignalTest {
    @TempDir
    Path tmp;

    @Test
    void aRealSigtermStopsWatchAfterAFinalCommit() throws Exception {
        Path warehouse = tmp.resolve("wh");
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), List.of("textwrap.py", "fnmatch.py"))) {
            String first = repo.commit("first");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-Xmx")) {
                    command.add(arg); // what Flink and Arrow need, as the jar's manifest gives them
                }
            }
            command.addAll(List.of("-Dcodeanatomy.log.dir=" + tmp.resolve("logs"), "-cp", System.getProperty("java.class.path"),
                    CodeAnatomyMain.class.getName(), "watch", "--repo", repo.dir.toString(), "--warehouse",
                    warehouse.toString(), "--poll", "100ms", "--checkpoint-interval", "300ms", "--parallelism", "1"));
            Path output = tmp.resolve("watch.out");
            Process watch = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                awaitOutput(output, first.substring(0, 12) + " visible", watch);
                watch.destroy(); // SIGTERM
                assertTrue(watch.waitFor(120, TimeUnit.SECONDS), "watch stopped after SIGTERM: " + read(output));
                String all = read(output);
                assertEquals(128 + 15, watch.exitValue(), "the JVM's status for SIGTERM, after its shutdown hook: " + all);
                assertTrue(all.contains("taking a final savepoint"), all);
                assertTrue(all.contains("stopped;"), all);
                assertEquals(first, RepoHead.of(warehouse.toString(), "repo").orElseThrow().commit);
            } finally {
                watch.destroyForcibly();
            }
        }
    }

    private static String read(Path output) throws java.io.IOException {
        return java.nio.file.Files.readString(output, StandardCharsets.UTF_8);
    }

    private static void awaitOutput(Path output, String wanted, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (read(output).contains(wanted)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no line with '" + wanted + "' from watch:\n" + read(output));
    }
}
