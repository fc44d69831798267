package io.codeanatomy.job.cli;

import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded MiniCluster, starting on a thread of its own as soon as the command has its
 * configuration, while the command plans its job (reads the repository, checks the warehouse,
 * builds the topology). Flink's local executor starts its MiniCluster only when the job is
 * submitted, after all of that: about a second of RPC system, task manager and dispatcher start-up
 * in a row with the planning, on a machine whose other core was mostly idle meanwhile. The job's
 * submission calls {@link #start()}, which now only waits for the start begun here.
 *
 * <p>A job takes the cluster once, and only if it needs the shape the cluster was started with (task
 * managers and slots); otherwise it gets a new MiniCluster, as Flink would make it, and this one is
 * closed. A cluster no job took is closed by {@link #closeUnused()}.
 */
final class PrestartedMiniCluster extends MiniCluster {
    private static final Logger LOG = LoggerFactory.getLogger(PrestartedMiniCluster.class);

    private final MiniClusterConfiguration shape;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final AtomicBoolean taken = new AtomicBoolean();
    private volatile boolean jobTook;

    private PrestartedMiniCluster(MiniClusterConfiguration configuration) {
        super(configuration);
        this.shape = configuration;
    }

    /**
     * What the cluster's start reads first, ready before the cluster is made (a command calls this on
     * a thread of its own as it starts): the JVM's platform MBean server, which Flink's memory metrics
     * ask for (docs/speed.md, session 26). Pekko's reference configuration was parsed here too until
     * the cluster's local services stopped using Pekko (session 27).
     */
    static void prepare() {
        ManagementFactory.getPlatformMBeanServer();
    }

    /** Makes the cluster and begins its start in the background. */
    static PrestartedMiniCluster starting(MiniClusterConfiguration configuration) {
        PrestartedMiniCluster cluster = new PrestartedMiniCluster(configuration);
        Thread starter = new Thread(cluster::startNow, "codeanatomy-minicluster-start");
        starter.setDaemon(true);
        starter.start();
        return cluster;
    }

    private void startNow() {
        try {
            super.start();
            started.complete(null);
        } catch (Throwable t) {
            started.completeExceptionally(t);
        }
    }

    /** Waits for the start begun when the cluster was made; throws what that start threw. */
    @Override
    public void start() throws Exception {
        try {
            started.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * The cluster for a job whose submission asks for {@code needed}: this one the first time, when
     * it has that many task managers and slots; otherwise a new cluster (this one is closed).
     */
    MiniCluster forJob(MiniClusterConfiguration needed) {
        boolean sameShape = needed.getNumTaskManagers() == shape.getNumTaskManagers()
                && slots(needed) == slots(shape)
                && needed.getRpcServiceSharing() == shape.getRpcServiceSharing();
        if (sameShape && taken.compareAndSet(false, true)) {
            jobTook = true;
            return this;
        }
        LOG.info("the job needs {} task manager(s) with {} slot(s); starting a MiniCluster for it instead of the one started"
                + " with {} and {}", needed.getNumTaskManagers(), slots(needed), shape.getNumTaskManagers(), slots(shape));
        closeUnused();
        return new MiniCluster(needed);
    }

    /** Whether a job runs (or ran) on this cluster. */
    boolean jobTook() {
        return jobTook;
    }

    private static int slots(MiniClusterConfiguration configuration) {
        return configuration.getConfiguration().get(TaskManagerOptions.NUM_TASK_SLOTS);
    }

    /**
     * Closes the cluster unless a job took it (the job's client closes it when the job ends); the
     * future completes when it is closed.
     */
    CompletableFuture<Void> closeUnused() {
        if (!taken.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        // After its start: closing a cluster that is still starting would race the start's own threads.
        return started.handle((ok, failed) -> closeAsync()).thenCompose(close -> close).exceptionally(failed -> {
            LOG.warn("closing the unused MiniCluster failed", failed);
            return null;
        });
    }
}
