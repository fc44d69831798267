package io.codeanatomy.job.index;

import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.source.FileSelector;

import java.io.File;
import java.net.URI;
import java.time.Duration;

/**
 * A validated `index` request: which snapshot, where the tables go, and how to run.
 *
 * @param rev                the revision asked for (git only); null for HEAD or a plain directory
 * @param warehouse          the warehouse root, a URI of any Hadoop file system (see TablePaths)
 * @param checkpointInterval checkpoint (and commit) interval; null commits once, at the end
 */
public record IndexSettings(File repoDir, String repoId, String rev, URI warehouse, FileSelector selector, int parallelism,
                            Duration checkpointInterval, LayerSettings layers) {

    /** A local warehouse directory, defaults for the rest. */
    public IndexSettings(File repoDir, String repoId, String rev, File warehouse, FileSelector selector, int parallelism) {
        this(repoDir, repoId, rev, warehouse, selector, parallelism, null);
    }

    public IndexSettings(File repoDir, String repoId, String rev, File warehouse, FileSelector selector, int parallelism,
                         Duration checkpointInterval) {
        this(repoDir, repoId, rev, warehouse.getAbsoluteFile().toPath().normalize().toUri(), selector, parallelism,
                checkpointInterval, LayerSettings.defaults());
    }

    public IndexSettings withLayers(LayerSettings newLayers) {
        return new IndexSettings(repoDir, repoId, rev, warehouse, selector, parallelism, checkpointInterval, newLayers);
    }

    public IndexSettings withParallelism(int newParallelism) {
        return new IndexSettings(repoDir, repoId, rev, warehouse, selector, newParallelism, checkpointInterval, layers);
    }
}
