package io.codeanatomy.job.watch;

import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.source.FileSelector;

import java.io.File;
import java.time.Duration;
import java.util.List;

/** A validated `watch` request. */
public final class WatchSettings {
    public final List<WatchedRepo> repos;
    public final File warehouse;
    public final FileSelector selector;
    public final int parallelism;
    public final Duration poll;
    public final Duration checkpointInterval;
    public final LayerSettings layers;

    public WatchSettings(List<WatchedRepo> repos, File warehouse, FileSelector selector, int parallelism, Duration poll,
                         Duration checkpointInterval, LayerSettings layers) {
        this.repos = List.copyOf(repos);
        this.warehouse = warehouse;
        this.selector = selector;
        this.parallelism = parallelism;
        this.poll = poll;
        this.checkpointInterval = checkpointInterval;
        this.layers = layers;
    }
}
