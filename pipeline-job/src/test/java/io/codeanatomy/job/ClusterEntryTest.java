package io.codeanatomy.job;

import io.codeanatomy.job.cli.UsageException;
import io.codeanatomy.job.cluster.ClusterEntry;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.job.warehouse.RepoHead;
import io.codeanatomy.source.FileSelector;

import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster entry point submits to whatever environment Flink provides: here the shared
 * MiniCluster, as a cluster would run it. Its tables equal those of the embedded path (IndexJob as
 * the job's client; the embedded command's own MiniCluster cannot start inside this test context).
 */
class ClusterEntryTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path tmp;

    @Test
    void indexOnTheClusterGivesTheRowsOfTheEmbeddedCommand() throws Exception {
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), IndexJobTest.FILES)) {
            repo.commit("real stdlib files");
            Path onCluster = tmp.resolve("cluster");
            ClusterEntry.main(new String[] {"index", "--repo", repo.dir.toString(), "--warehouse",
                    onCluster.toUri().toString()});

            // The embedded command's path: the same job built and run by IndexJob as its client.
            Path embedded = tmp.resolve("embedded");
            IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), new IndexSettings(repo.dir.toFile(), "repo",
                    null, embedded.toFile(), FileSelector.defaults(), 2), null);

            assertEquals(WarehouseRows.read(embedded).canonical(), WarehouseRows.read(onCluster).canonical());
        }
    }

    @Test
    void watchRunsOnTheClusterUntilTheClusterStopsIt(@InjectClusterClient ClusterClient<?> client) throws Exception {
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), List.of("textwrap.py", "fnmatch.py"))) {
            String first = repo.commit("first");
            Path warehouse = tmp.resolve("wh");
            CompletableFuture<Void> main = CompletableFuture.runAsync(() -> {
                try {
                    ClusterEntry.main(new String[] {"watch", "--repo", repo.dir.toString(), "--warehouse",
                            warehouse.toString(), "--poll", "100ms", "--checkpoint-interval", "300ms"});
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitHead(warehouse, first);
            repo.copy("glob.py", "glob.py");
            String second = repo.commit("second");
            awaitHead(warehouse, second);

            for (JobStatusMessage job : client.listJobs().get()) {
                if (!job.getJobState().isGloballyTerminalState()) {
                    client.cancel(job.getJobId()).get();
                }
            }
            // The entry's execute() returns or fails with the job: it holds no client-side loop of its own.
            try {
                main.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException cancelled) {
                // a cancelled job ends execute() with an exception
            }
            assertTrue(main.isDone());
        }
    }

    @Test
    void badOptionsFailTheSubmissionNamingTheOption() {
        UsageException e = assertThrows(UsageException.class, () -> ClusterEntry.main(new String[] {"index", "--repo",
                tmp.toString(), "--warehouse", "nosuchfs://bucket/wh"}));
        assertTrue(e.getMessage().contains("--warehouse nosuchfs://bucket/wh"), e.getMessage());
        e = assertThrows(UsageException.class, () -> ClusterEntry.main(new String[] {"index", "--repo", tmp.toString(),
                "--warehouse", tmp.resolve("wh").toString(), "--flink-conf", tmp.toString()}));
        assertTrue(e.getMessage().contains("--flink-conf"), e.getMessage());
        e = assertThrows(UsageException.class, () -> ClusterEntry.main(new String[] {"maintain"}));
        assertTrue(e.getMessage().contains("'maintain'"), e.getMessage());
    }

    private static void awaitHead(Path warehouse, String commit) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Optional<RepoHead> head;
            try {
                head = RepoHead.of(warehouse.toString(), "repo");
            } catch (RuntimeException beingWritten) {
                head = Optional.empty();
            }
            if (head.isPresent() && commit.equals(head.get().commit)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(commit + " never became the warehouse's head");
    }
}
