package io.codeanatomy.job.cli;

import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ResourceManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.MathUtils;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The Flink environment of the embedded commands: a MiniCluster in this process for one job, started
 * as the environment is made ({@link PrestartedMiniCluster}). Close the environment when done: a
 * cluster no job took is closed then.
 */
public final class EmbeddedEnvironment {
    /** Up to this parallelism the embedded MiniCluster gets {@link #SMALL_NETWORK_MEMORY} of network buffers. */
    static final int SMALL_NETWORK_MAX_PARALLELISM = 2;
    static final MemorySize SMALL_NETWORK_MEMORY = MemorySize.ofMebiBytes(16);

    private EmbeddedEnvironment() {
    }

    public static StreamExecutionEnvironment create(Configuration flinkConf, int parallelism) {
        Path run = needsRunDirectory(flinkConf) ? RunDirectory.create() : null;
        Configuration conf = configuration(flinkConf, parallelism, run);
        StreamExecutionEnvironment env = new EmbeddedStreamEnvironment(conf,
                PrestartedMiniCluster.starting(clusterConfiguration(conf, parallelism)), run);
        env.setParallelism(parallelism);
        return env;
    }

    /**
     * The cluster a local execution of a job of this parallelism asks for: what Flink's per-job
     * MiniCluster factory derives from the configuration and the job's largest parallelism.
     */
    static MiniClusterConfiguration clusterConfiguration(Configuration conf, int parallelism) {
        Configuration cluster = new Configuration(conf);
        if (!cluster.contains(RestOptions.BIND_PORT)) {
            cluster.set(RestOptions.BIND_PORT, "0");
        }
        int taskManagers = cluster.get(TaskManagerOptions.MINI_CLUSTER_NUM_TASK_MANAGERS);
        int slots = cluster.getOptional(TaskManagerOptions.NUM_TASK_SLOTS)
                .orElse(MathUtils.divideRoundUp(parallelism, taskManagers));
        return new MiniClusterConfiguration.Builder()
                .setConfiguration(cluster)
                .setNumTaskManagers(taskManagers)
                .setRpcServiceSharing(RpcServiceSharing.SHARED)
                .setNumSlotsPerTaskManager(slots)
                .build();
    }

    /** Whether the configuration leaves a directory to the run: checkpoints, Flink's temporary files or the REST uploads. */
    static boolean needsRunDirectory(Configuration flinkConf) {
        return !flinkConf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY) || !flinkConf.contains(CoreOptions.TMP_DIRS)
                || !flinkConf.contains(WebOptions.TMP_DIR);
    }

    /**
     * The embedded run's Flink configuration: the user's, with what the embedded runs need unless set
     * there; what the user leaves unset goes under the run directory {@code run}.
     */
    static Configuration configuration(Configuration flinkConf, int parallelism, Path run) {
        Configuration conf = new Configuration(flinkConf);
        conf.set(DeploymentOptions.TARGET, LocalExecutor.NAME);
        conf.set(DeploymentOptions.ATTACHED, true); // the local executor runs attached jobs only
        if (!conf.contains(HeartbeatManagerOptions.HEARTBEAT_INTERVAL)) {
            // Accumulators reach the client with heartbeats: a short interval gives a live progress line.
            conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        }
        // One task manager, one job: nothing to batch. Flink waits 50 ms before matching a job's slot
        // requests against the cluster's slots and up to 20 ms before sending them, in a row with the
        // job's deployment (docs/speed.md, session 26).
        if (!conf.contains(ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY)) {
            conf.set(ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY, Duration.ZERO);
        }
        if (!conf.contains(JobManagerOptions.SLOT_REQUEST_MAX_INTERVAL)) {
            conf.set(JobManagerOptions.SLOT_REQUEST_MAX_INTERVAL, Duration.ZERO);
        }
        if (!conf.contains(SecurityOptions.DELEGATION_TOKENS_ENABLED)) {
            // Tokens carry credentials to task managers in other processes; all of this cluster is in this
            // one. Loading the providers (Hadoop's, HBase's) took 0.1 s of the cluster's start (session 27).
            conf.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
        }
        if (parallelism <= SMALL_NETWORK_MAX_PARALLELISM && !conf.contains(TaskManagerOptions.NETWORK_MEMORY_MIN)
                && !conf.contains(TaskManagerOptions.NETWORK_MEMORY_MAX)) {
            // The MiniCluster allocates its whole network buffer pool at start, zeroed: 64 MB by default
            // for local execution, of which a job of our shape uses a few MB at parallelism 1 or 2
            // (16 MB runs corpus M as fast; 10,000-30,000 fewer page faults, 50 MB less peak memory,
            // docs/speed.md session 21). Larger parallelisms need more: at 8, 16 MB is too little.
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, SMALL_NETWORK_MEMORY);
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, SMALL_NETWORK_MEMORY);
        }
        boolean ownCheckpoints = !conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
        boolean ownTemp = !conf.contains(CoreOptions.TMP_DIRS);
        boolean ownWebTemp = !conf.contains(WebOptions.TMP_DIR);
        if (ownCheckpoints || ownTemp || ownWebTemp) {
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
        return conf;
    }
}
