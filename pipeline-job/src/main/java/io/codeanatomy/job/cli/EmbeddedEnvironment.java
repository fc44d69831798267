package io.codeanatomy.job.cli;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;

/** The Flink environment of the embedded commands: a MiniCluster in this process, started for one job. */
public final class EmbeddedEnvironment {
    private EmbeddedEnvironment() {
    }

    public static StreamExecutionEnvironment create(Configuration flinkConf, int parallelism) {
        Configuration conf = new Configuration(flinkConf);
        if (!conf.contains(HeartbeatManagerOptions.HEARTBEAT_INTERVAL)) {
            // Accumulators reach the client with heartbeats: a short interval gives a live progress line.
            conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        }
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    }
}
