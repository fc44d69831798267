package io.codeanatomy.job.cli;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
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
        boolean ownCheckpoints = !conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
        boolean ownTemp = !conf.contains(CoreOptions.TMP_DIRS);
        boolean ownWebTemp = !conf.contains(WebOptions.TMP_DIR);
        if (ownCheckpoints || ownTemp || ownWebTemp) {
            Path run = RunDirectory.create();
            if (ownCheckpoints) {
                // The default keeps checkpoints in the JobManager's memory, at most 5 MB per task: the
                // linker's state (every file's link summary) is larger for any real repository. A directory
                // of this run is enough: the warehouse, not the checkpoint, is what a new run resumes from.
                conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
                conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, run.resolve("checkpoints").toUri().toString());
            }
            if (ownTemp) {
                // The MiniCluster unpacks its 24 MB RPC jar and makes its working directory here, and
                // removes them only when it has closed, which happens after the command has returned
                // and the JVM exits: under the shared temporary directory every run left them behind.
                conf.set(CoreOptions.TMP_DIRS, run.resolve("flink").toString());
            }
            if (ownWebTemp) {
                conf.set(WebOptions.TMP_DIR, run.resolve("flink-web").toString()); // the REST endpoint's upload directory
            }
        }
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    }
}
