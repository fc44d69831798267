package io.codeanatomy.job.cli;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The embedded MiniCluster's network buffer pool: small at parallelism 1 or 2 unless the configuration sizes it. */
class EmbeddedEnvironmentTest {
    @Test
    void aSmallParallelismGetsASmallNetworkPool() {
        for (int parallelism : new int[] {1, 2}) {
            ReadableConfig conf = EmbeddedEnvironment.create(new Configuration(), parallelism).getConfiguration();
            assertEquals(Optional.of(EmbeddedEnvironment.SMALL_NETWORK_MEMORY), conf.getOptional(TaskManagerOptions.NETWORK_MEMORY_MIN));
            assertEquals(Optional.of(EmbeddedEnvironment.SMALL_NETWORK_MEMORY), conf.getOptional(TaskManagerOptions.NETWORK_MEMORY_MAX));
        }
        ReadableConfig larger = EmbeddedEnvironment.create(new Configuration(), 3).getConfiguration();
        assertEquals(Optional.empty(), larger.getOptional(TaskManagerOptions.NETWORK_MEMORY_MAX), "Flink's own default");
    }

    @Test
    void theConfigurationsNetworkSizeWins() {
        Configuration user = new Configuration();
        user.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(128));
        ReadableConfig conf = EmbeddedEnvironment.create(user, 1).getConfiguration();
        assertEquals(Optional.of(MemorySize.ofMebiBytes(128)), conf.getOptional(TaskManagerOptions.NETWORK_MEMORY_MAX));
        assertEquals(Optional.empty(), conf.getOptional(TaskManagerOptions.NETWORK_MEMORY_MIN));
    }
}
