package io.codeanatomy.job.watch;

import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.source.FileSelector;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A validated `watch` request.
 *
 * @param warehouse the warehouse root, a URI of any Hadoop file system (see TablePaths)
 * @param poll      how often the branch heads are read
 */
public record WatchSettings(List<WatchedRepo> repos, URI warehouse, FileSelector selector, int parallelism, Duration poll,
                            Duration checkpointInterval, LayerSettings layers) {

    /** How often branch heads are read unless {@code --poll} says otherwise. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

    public WatchSettings {
        repos = List.copyOf(repos);
    }

    /** A local warehouse directory. */
    public WatchSettings(List<WatchedRepo> repos, File warehouse, FileSelector selector, int parallelism, Duration poll,
                         Duration checkpointInterval, LayerSettings layers) {
        this(repos, warehouse.getAbsoluteFile().toPath().normalize().toUri(), selector, parallelism, poll,
                checkpointInterval, layers);
    }

    public WatchSettings withParallelism(int newParallelism) {
        return new WatchSettings(repos, warehouse, selector, newParallelism, poll, checkpointInterval, layers);
    }
}
