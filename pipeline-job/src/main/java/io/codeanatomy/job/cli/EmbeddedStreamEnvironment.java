package io.codeanatomy.job.cli;

import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A local environment whose job runs on a {@link PrestartedMiniCluster}: Flink's own local executor
 * submits it, given that cluster instead of a new one. Closing the environment closes the cluster if
 * no job took it (a command that failed while planning its job).
 */
final class EmbeddedStreamEnvironment extends StreamExecutionEnvironment {
    private final PrestartedMiniCluster cluster;

    EmbeddedStreamEnvironment(Configuration configuration, PrestartedMiniCluster cluster) {
        super(executors(cluster), configuration, null);
        this.cluster = cluster;
    }

    PrestartedMiniCluster cluster() {
        return cluster;
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
            cluster.closeUnused().get(1, TimeUnit.MINUTES);
        }
    }
}
