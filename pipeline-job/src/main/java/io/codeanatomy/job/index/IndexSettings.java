package io.codeanatomy.job.index;

import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.source.FileSelector;

import java.io.File;

/** A validated `index` request: which snapshot, where the tables go, and how to run. */
public final class IndexSettings {
    public final File repoDir;
    public final String repoId;
    /** The revision asked for (git only); null for HEAD or a plain directory. */
    public final String rev;
    public final File warehouse;
    public final FileSelector selector;
    public final int parallelism;
    /** Checkpoint (and commit) interval; null commits once, at the end. */
    public final java.time.Duration checkpointInterval;
    public final LayerSettings layers;

    public IndexSettings(File repoDir, String repoId, String rev, File warehouse, FileSelector selector, int parallelism) {
        this(repoDir, repoId, rev, warehouse, selector, parallelism, null);
    }

    public IndexSettings(File repoDir, String repoId, String rev, File warehouse, FileSelector selector, int parallelism,
                         java.time.Duration checkpointInterval) {
        this(repoDir, repoId, rev, warehouse, selector, parallelism, checkpointInterval, LayerSettings.defaults());
    }

    public IndexSettings(File repoDir, String repoId, String rev, File warehouse, FileSelector selector, int parallelism,
                         java.time.Duration checkpointInterval, LayerSettings layers) {
        this.repoDir = repoDir;
        this.repoId = repoId;
        this.rev = rev;
        this.warehouse = warehouse;
        this.selector = selector;
        this.parallelism = parallelism;
        this.checkpointInterval = checkpointInterval;
        this.layers = layers;
    }

    public IndexSettings withLayers(LayerSettings newLayers) {
        return new IndexSettings(repoDir, repoId, rev, warehouse, selector, parallelism, checkpointInterval, newLayers);
    }
}
