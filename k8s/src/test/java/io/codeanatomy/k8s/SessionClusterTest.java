package io.codeanatomy.k8s;

import io.codeanatomy.job.StdlibRepo;
import io.codeanatomy.job.WarehouseRows;
import io.codeanatomy.job.cluster.ClusterEntry;
import io.codeanatomy.job.warehouse.RepoHead;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A standalone session cluster of three JVMs (a JobManager, two TaskManagers: the image's entry
 * points, the base manifest's Flink configuration), jobs submitted with Flink's own command-line
 * client ({@code flink run -c ClusterEntry codeanatomy.jar ...}). {@code index} gives the tables of
 * the embedded command; {@code watch} survives a TaskManager killed with SIGKILL in the middle of a
 * stream of commits and a JobManager killed and restarted from the retained checkpoint, and ends with
 * the tables of a fresh index.
 */
@Tag("slow")
class SessionClusterTest {
    private static final List<String> FILES = List.of("textwrap.py", "fnmatch.py", "glob.py", "shlex.py");
    private static final List<String> LATER = List.of("colorsys.py", "bisect.py", "keyword.py", "heapq.py", "string.py",
            "numbers.py", "this.py", "graphlib.py");

    @TempDir
    Path tmp;

    @Test
    void indexAndWatchOnAStandaloneClusterSurviveALostTaskManagerAndAJobManagerRestart() throws Exception {
        Path checkpoints = tmp.resolve("checkpoints");
        FlinkHome home = FlinkHome.create(tmp.resolve("flink"), clusterConfig(checkpoints), Manifests.consoleLogging(Manifests.watchDeployment()));
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), FILES);
             FlinkProcess jobManager = home.startSessionJobManager("jobmanager");
             FlinkProcess tm1 = home.startTaskManager("taskmanager-1");
             FlinkProcess tm2 = home.startTaskManager("taskmanager-2")) {
            List<FlinkProcess> more = new ArrayList<>();
            List<FlinkProcess> cluster = new ArrayList<>(List.of(jobManager, tm1, tm2));
            try {
                String first = repo.commit("first");

                // index: attached, like `flink run`; the tables equal the embedded command's.
                Path indexed = tmp.resolve("indexed");
                run(home, "index", List.of("--repo", repo.dir.toString(), "--warehouse", indexed.toUri().toString()));
                Path embedded = tmp.resolve("embedded");
                embeddedIndex(repo, embedded, "embedded-index");
                assertEquals(WarehouseRows.read(embedded).canonical(), WarehouseRows.read(indexed).canonical());

                // watch: detached; a TaskManager dies by SIGKILL while commits stream in.
                Path warehouse = tmp.resolve("watched");
                List<String> watchArgs = List.of("--repo", repo.dir.toString(), "--warehouse", warehouse.toUri().toString(),
                        "--poll", "200ms", "--checkpoint-interval", "1s");
                String jobId = submitDetached(home, "watch-1", watchArgs);
                awaitHead(warehouse, first, cluster);
                String head = first;
                for (int i = 0; i < 4; i++) {
                    repo.copy(LATER.get(i), "pkg/" + LATER.get(i));
                    head = repo.commit("later " + i);
                    if (i == 1) {
                        tm2.kill();
                        more.add(home.startTaskManager("taskmanager-3"));
                        cluster.addAll(more);
                    }
                    Thread.sleep(700);
                }
                awaitHead(warehouse, head, cluster);
                assertFreshIndexEquals(repo, warehouse, "fresh-1");
                assertTrue(jobManager.log().contains("switched from state RUNNING to RESTARTING"),
                        "the job restarted after the TaskManager was lost");

                // The JobManager dies (SIGKILL); a new one resumes the job from its retained checkpoint.
                Path retained = latestCheckpoint(checkpoints.resolve(jobId));
                jobManager.kill();
                FlinkProcess jobManager2 = home.startSessionJobManager("jobmanager-2");
                more.add(jobManager2);
                cluster.add(jobManager2);
                repo.delete("glob.py");
                repo.copy(LATER.get(4), "pkg/" + LATER.get(4));
                head = repo.commit("while the JobManager was down");
                submitDetached(home, "watch-2", withFirst(List.of("-s", retained.toUri().toString()), watchArgs));
                awaitHead(warehouse, head, cluster);
                repo.copy(LATER.get(5), "pkg/" + LATER.get(5));
                head = repo.commit("after the restart");
                awaitHead(warehouse, head, cluster);
                assertTrue(jobManager2.log().contains(retained.getFileName().toString()),
                        "the new JobManager restored " + retained);
                assertFreshIndexEquals(repo, warehouse, "fresh-2");
                assertStructuredLog(jobManager2.log());
            } finally {
                for (FlinkProcess p : more) {
                    p.close();
                }
            }
        }
    }

    /** The manifests' logging: every log line a JSON object with a time, a level, a logger and a message. */
    static void assertStructuredLog(String log) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        int events = 0;
        for (String line : log.split("\n")) {
            if (line.startsWith("{")) {
                var event = json.readTree(line);
                for (String field : List.of("@timestamp", "log.level", "log.logger", "message")) {
                    assertTrue(event.hasNonNull(field), field + " in " + line);
                }
                events++;
            }
        }
        assertTrue(events > 50, "JSON log lines: " + events);
    }

    /** The base manifest's configuration, with what differs on one machine instead of Kubernetes. */
    static Map<String, String> clusterConfig(Path checkpoints) throws Exception {
        Map<String, String> config = Manifests.flinkConfiguration(Manifests.watchDeployment());
        config.remove("high-availability.type"); // Kubernetes HA needs Kubernetes; standalone runs without HA
        config.remove("high-availability.storageDir");
        config.remove("kubernetes.operator.job.upgrade.last-state-fallback.enabled");
        config.put("execution.checkpointing.dir", checkpoints.toUri().toString());
        config.put("execution.checkpointing.savepoint-dir", checkpoints.resolveSibling("savepoints").toUri().toString());
        // One slot a TaskManager, so that a parallelism-2 job runs on both and losing one matters.
        config.put("taskmanager.numberOfTaskSlots", "1");
        config.put("jobmanager.rpc.address", "127.0.0.1");
        config.put("jobmanager.bind-host", "127.0.0.1");
        config.put("taskmanager.bind-host", "127.0.0.1");
        config.put("taskmanager.host", "127.0.0.1");
        config.put("rest.address", "127.0.0.1");
        config.put("rest.bind-address", "127.0.0.1");
        config.put("rest.port", String.valueOf(freePort()));
        config.put("jobmanager.rpc.port", String.valueOf(freePort()));
        config.put("metrics.reporter.prom.port", "9250-9290");
        // What the operator derives from spec.jobManager/taskManager.resource.memory.
        config.put("jobmanager.memory.process.size", "1536m");
        config.put("taskmanager.memory.process.size", "2048m");
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", "100");
        config.put("restart-strategy.fixed-delay.delay", "1s");
        return config;
    }

    private static void run(FlinkHome home, String command, List<String> args) throws Exception {
        List<String> all = new ArrayList<>(List.of("run", "-c", ClusterEntry.class.getName(), home.jobJar.toString(), command));
        all.addAll(args);
        try (FlinkProcess client = home.client("flink-run-" + command, all)) {
            int status = client.awaitExit(Duration.ofMinutes(5));
            assertEquals(0, status, client.logTail());
        }
    }

    /** {@code flink run -d [flinkArgs] -c ClusterEntry jar watch args}; returns the job id. */
    private static String submitDetached(FlinkHome home, String name, List<String> args) throws Exception {
        List<String> all = new ArrayList<>(List.of("run", "-d"));
        int split = args.indexOf("--repo");
        all.addAll(args.subList(0, split));
        all.addAll(List.of("-c", ClusterEntry.class.getName(), home.jobJar.toString(), "watch"));
        all.addAll(args.subList(split, args.size()));
        try (FlinkProcess client = home.client(name, all)) {
            assertEquals(0, client.awaitExit(Duration.ofMinutes(3)), client.logTail());
            Matcher m = Pattern.compile("JobID ([0-9a-f]{32})").matcher(client.log());
            assertTrue(m.find(), client.logTail());
            return m.group(1);
        }
    }

    private static List<String> withFirst(List<String> first, List<String> rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(rest);
        return all;
    }

    static void embeddedIndex(StdlibRepo repo, Path warehouse, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", FlinkHome.jobJarOfTheBuild().toString(), "index", "--repo", repo.dir.toString(), "--warehouse",
                warehouse.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(warehouse.resolveSibling(name + ".out").toFile()).start();
        assertEquals(0, p.waitFor(), Files.readString(warehouse.resolveSibling(name + ".out")));
    }

    private void assertFreshIndexEquals(StdlibRepo repo, Path warehouse, String name) throws Exception {
        Path fresh = tmp.resolve(name);
        embeddedIndex(repo, fresh, name);
        assertEquals(WarehouseRows.read(fresh).withoutCommit(), WarehouseRows.read(warehouse).withoutCommit());
    }

    /** Waits for the warehouse to reach a commit; the failure names where it is and what the cluster last logged. */
    private static void awaitHead(Path warehouse, String commit, List<FlinkProcess> cluster) throws Exception {
        try {
            FlinkHome.await("the warehouse at commit " + commit, Duration.ofMinutes(4),
                    () -> head(warehouse).map(h -> h.commit.equals(commit)).orElse(false));
        } catch (AssertionError notReached) {
            StringBuilder why = new StringBuilder(notReached.getMessage()).append(" (it is at ")
                    .append(head(warehouse).map(h -> h.commit).orElse("no commit")).append(");");
            for (FlinkProcess p : cluster) {
                why.append(' ').append(p.summary()).append(';');
            }
            throw new AssertionError(why.toString(), notReached);
        }
    }

    private static Optional<RepoHead> head(Path warehouse) throws Exception {
        return Files.exists(warehouse) ? RepoHead.of(warehouse.toString(), "repo") : Optional.empty();
    }

    /** The newest completed checkpoint of a job (its chk-N directory with a _metadata file). */
    private static Path latestCheckpoint(Path jobDir) throws Exception {
        try (Stream<Path> dirs = Files.list(jobDir)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("chk-") && Files.exists(d.resolve("_metadata")))
                    .max(Comparator.comparingLong(d -> Long.parseLong(d.getFileName().toString().substring(4))))
                    .orElseThrow(() -> new AssertionError("no completed checkpoint under " + jobDir));
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
