package io.codeanatomy.k8s;

import io.codeanatomy.delta.kernel.HadoopConf;
import io.codeanatomy.delta.s3.InProcessS3;
import io.codeanatomy.job.StdlibRepo;
import io.codeanatomy.job.WarehouseRows;
import io.codeanatomy.job.cluster.ClusterEntry;
import io.codeanatomy.job.warehouse.RepoHead;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment of k8s/base, run here without Kubernetes: {@code watch} in application mode (the
 * application cluster entry point with the job jar in usrlib/, as the image starts it), the base
 * manifest's Flink configuration, the warehouse on {@code s3a://} (the job's S3A) and checkpoints on
 * {@code s3://} (Flink's S3 plugin from plugins/), both on an S3 API server, metrics scraped from the
 * Prometheus reporter the manifest configures.
 */
@Tag("slow")
class ApplicationClusterTest {
    @TempDir
    Path tmp;

    @Test
    void watchInApplicationModeOnObjectStorageWithPrometheusMetrics() throws Exception {
        try (InProcessS3 s3 = InProcessS3.start(tmp.resolve("objects"));
             StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), List.of("textwrap.py", "fnmatch.py"))) {
            Map<String, String> config = SessionClusterTest.clusterConfig(tmp.resolve("unused"));
            Map<String, String> manifest = Manifests.flinkConfiguration(Manifests.watchDeployment());
            // The manifest's own object-store locations (bucket "codeanatomy"), on the test's server.
            config.put("execution.checkpointing.dir", manifest.get("execution.checkpointing.dir"));
            config.put("execution.checkpointing.savepoint-dir", manifest.get("execution.checkpointing.savepoint-dir"));
            config.put("taskmanager.numberOfTaskSlots", manifest.get("taskmanager.numberOfTaskSlots"));
            config.putAll(s3.flinkSettings());
            FlinkHome home = FlinkHome.create(tmp.resolve("flink"), config, Manifests.consoleLogging(Manifests.watchDeployment()));
            Configuration reader = new Configuration();
            s3.flinkSettings().forEach(reader::setString);
            HadoopConf.useFlinkConfiguration(reader);

            String first = repo.commit("first");
            String warehouse = s3.uri("warehouse");
            List<String> args = List.of("watch", "--repo", repo.dir.toString(), "--warehouse", warehouse, "--poll", "200ms",
                    "--checkpoint-interval", "1s");
            try (FlinkProcess jobManager = home.startApplicationJobManager("jobmanager", ClusterEntry.class.getName(), args);
                 FlinkProcess taskManager = home.startTaskManager("taskmanager")) {
                awaitHead(warehouse, first, jobManager);
                repo.copy("glob.py", "glob.py");
                String second = repo.commit("second");
                awaitHead(warehouse, second, jobManager);

                assertTrue(s3.keys("checkpoints/").stream().anyMatch(k -> k.endsWith("/_metadata")),
                        "checkpoints through Flink's S3 plugin: " + s3.keys("checkpoints/"));
                String metrics = scrape(taskManager);
                for (String name : List.of("filesRead", "filesReadPerSecond", "headLagCommits", "headLagSeconds",
                        "deltaRowsWrittenPerSecond", "alignTimedOutVersions", "cpythonHelperRestarts",
                        "deltaLastCheckpointCommitMillis")) {
                    assertTrue(metrics.contains(name), name + " in the TaskManager's Prometheus metrics");
                }
                assertTrue(Pattern.compile("headLagCommits\\{[^}]*repo=\"repo\"[^}]*} 0\\.0").matcher(metrics).find(),
                        "caught up with the head: " + lines(metrics, "headLag"));
            }
            Path fresh = tmp.resolve("fresh");
            SessionClusterTest.embeddedIndex(repo, fresh, "fresh");
            assertEquals(WarehouseRows.read(fresh).withoutCommit(), WarehouseRows.read(warehouse).withoutCommit());
        }
    }

    private static void awaitHead(String warehouse, String commit, FlinkProcess jobManager) throws Exception {
        FlinkHome.await("the warehouse at commit " + commit, Duration.ofMinutes(4), () -> {
            if (!jobManager.isAlive()) {
                throw new AssertionError("the application cluster ended:\n" + jobManager.logTail());
            }
            Optional<RepoHead> head;
            try {
                head = RepoHead.of(warehouse, "repo");
            } catch (RuntimeException notYetCreated) {
                head = Optional.empty();
            }
            return head.isPresent() && head.get().commit.equals(commit);
        });
    }

    /** The metrics page of the process's Prometheus reporter (its port is in its log). */
    private static String scrape(FlinkProcess process) throws Exception {
        Matcher port = Pattern.compile("Started PrometheusReporter HTTP server on port (\\d+)").matcher(process.log());
        assertTrue(port.find(), "no Prometheus reporter in " + process.name + "'s log");
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        return page.body();
    }

    private static String lines(String text, String containing) {
        return String.join("\n", text.lines().filter(l -> l.contains(containing)).toList());
    }
}
