package io.codeanatomy.job.cli;

import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A local environment whose job runs on a {@link PrestartedMiniCluster}: Flink's own local executor
 * submits it, given that cluster instead of a new one. Closing the environment closes the cluster
 * (if no job took it: a command that failed while planning its job), waits until it is closed, then
 * removes the run's directory ({@link RunDirectory}).
 */
final class EmbeddedStreamEnvironment extends StreamExecutionEnvironment {
    private final PrestartedMiniCluster cluster;
    /** The run's directory; null when the configuration names every directory the run uses. */
    private final Path runDirectory;

    EmbeddedStreamEnvironment(Configuration configuration, PrestartedMiniCluster cluster, Path runDirectory) {
        super(executors(cluster), configuration, null);
        this.cluster = cluster;
        this.runDirectory = runDirectory;
    }

    PrestartedMiniCluster cluster() {
        return cluster;
    }

    Path runDirectory() {
        return runDirectory;
    }

    private static PipelineExecutorServiceLoader executors(PrestartedMiniCluster cluster) {
        PipelineExecutorFactory local = new PipelineExecutorFactory() {
            @Override
            public String getName() {
                return LocalExecutor.NAME;
            }

            @Override
            public boolean isCompatibleWith(Configuration configuration) {
                return true;
            }

            @Override
            public PipelineExecutor getExecutor(Configuration configuration) {
                return LocalExecutor.createWithFactory(configuration, cluster::forJob);
            }
        };
        return new PipelineExecutorServiceLoader() {
            @Override
            public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
                return local;
            }

            @Override
            public Stream<String> getExecutorNames() {
                return Stream.of(LocalExecutor.NAME);
            }
        };
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            try {
                cluster.closeUnused().get(1, TimeUnit.MINUTES);
                cluster.closeAsync().get(1, TimeUnit.MINUTES); // a job's cluster: its client closes it as the job ends
            } finally {
                if (runDirectory != null) {
                    RunDirectory.remove(runDirectory);
                }
            }
        }
    }
}
