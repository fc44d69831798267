package io.codeanatomy.job.cli;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.ResourceManagerOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded MiniCluster: started with the environment, taken by the job that fits it, closed when
 * no job took it; its network buffer pool small at parallelism 1 or 2 unless the configuration sizes it.
 */
class EmbeddedEnvironmentTest {
    @Test
    void theJobRunsOnTheClusterStartedWithTheEnvironment() throws Exception {
        PrestartedMiniCluster cluster;
        try (StreamExecutionEnvironment env = EmbeddedEnvironment.create(new Configuration(), 2)) {
            cluster = ((EmbeddedStreamEnvironment) env).cluster();
            env.fromData(1, 2, 3).map(i -> i * 2).returns(Types.INT).sinkTo(new DiscardingSink<>());
            env.execute("on the prestarted cluster");
            assertTrue(cluster.jobTook(), "the job ran on the cluster started with the environment");
        }
        awaitClosed(cluster, "the job's end closes it");
    }

    private static void awaitClosed(PrestartedMiniCluster cluster, String why) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L; // closed asynchronously
        while (cluster.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(cluster.isRunning(), why);
    }

    @Test
    void aJobNeedingMoreSlotsGetsItsOwnClusterAndTheStartedOneIsClosed() throws Exception {
        try (StreamExecutionEnvironment env = EmbeddedEnvironment.create(new Configuration(), 1)) {
            PrestartedMiniCluster cluster = ((EmbeddedStreamEnvironment) env).cluster();
            env.fromData(1, 2, 3).map(i -> i * 2).returns(Types.INT).setParallelism(3).sinkTo(new DiscardingSink<>());
            env.execute("three slots"); // would wait for slots forever on the one-slot cluster
            assertFalse(cluster.jobTook());
            awaitClosed(cluster, "the unused cluster is closed");
        }
    }

    @Test
    void closingAnEnvironmentWhoseJobNeverRanClosesItsCluster() throws Exception {
        StreamExecutionEnvironment env = EmbeddedEnvironment.create(new Configuration(), 1);
        PrestartedMiniCluster cluster = ((EmbeddedStreamEnvironment) env).cluster();
        Path runDirectory = ((EmbeddedStreamEnvironment) env).runDirectory();
        assertTrue(Files.isDirectory(runDirectory));
        env.close(); // a command that failed while planning its job
        assertFalse(cluster.isRunning());
        assertFalse(cluster.jobTook());
        assertFalse(Files.exists(runDirectory), "the run's directory goes with the environment");
    }

    @TempDir
    Path run;

    @Test
    void aSmallParallelismGetsASmallNetworkPool() {
        for (int parallelism : new int[] {1, 2}) {
            ReadableConfig conf = EmbeddedEnvironment.configuration(new Configuration(), parallelism, run);
            assertEquals(Optional.of(EmbeddedEnvironment.SMALL_NETWORK_MEMORY), conf.getOptional(TaskManagerOptions.NETWORK_MEMORY_MIN));
            assertEquals(Optional.of(EmbeddedEnvironment.SMALL_NETWORK_MEMORY), conf.getOptional(TaskManagerOptions.NETWORK_MEMORY_MAX));
        }
        ReadableConfig larger = EmbeddedEnvironment.configuration(new Configuration(), 3, run);
        assertEquals(Optional.empty(), larger.getOptional(TaskManagerOptions.NETWORK_MEMORY_MAX), "Flink's own default");
    }

    @Test
    void theConfigurationsNetworkSizeWins() {
        Configuration user = new Configuration();
        user.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(128));
        ReadableConfig conf = EmbeddedEnvironment.configuration(user, 1, run);
        assertEquals(Optional.of(MemorySize.ofMebiBytes(128)), conf.getOptional(TaskManagerOptions.NETWORK_MEMORY_MAX));
        assertEquals(Optional.empty(), conf.getOptional(TaskManagerOptions.NETWORK_MEMORY_MIN));
    }

    @Test
    void slotRequestsAreNeitherBatchedNorDelayedUnlessTheConfigurationSaysSo() {
        ReadableConfig conf = EmbeddedEnvironment.configuration(new Configuration(), 1, run);
        assertEquals(Duration.ZERO, conf.get(ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY));
        assertEquals(Duration.ZERO, conf.get(JobManagerOptions.SLOT_REQUEST_MAX_INTERVAL));
        Configuration user = new Configuration();
        user.set(ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY, Duration.ofMillis(70));
        user.set(JobManagerOptions.SLOT_REQUEST_MAX_INTERVAL, Duration.ofMillis(30));
        ReadableConfig theirs = EmbeddedEnvironment.configuration(user, 1, run);
        assertEquals(Duration.ofMillis(70), theirs.get(ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY));
        assertEquals(Duration.ofMillis(30), theirs.get(JobManagerOptions.SLOT_REQUEST_MAX_INTERVAL));
    }

    @Test
    void noDelegationTokensInOneProcessUnlessTheConfigurationAsks() {
        assertEquals(false, EmbeddedEnvironment.configuration(new Configuration(), 1, run).get(SecurityOptions.DELEGATION_TOKENS_ENABLED));
        Configuration user = new Configuration();
        user.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, true);
        assertEquals(true, EmbeddedEnvironment.configuration(user, 1, run).get(SecurityOptions.DELEGATION_TOKENS_ENABLED));
    }
}
