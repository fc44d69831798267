package io.codeanatomy.delta.kernel;

import java.io.Serializable;
import java.util.Objects;

/** A Parquet data file written but not yet committed: what the committer needs to add it. */
public final class StagedFile implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final long size;
    private final long modificationTime;
    private final String statsJson;

    public StagedFile(String path, long size, long modificationTime, String statsJson) {
        this.path = Objects.requireNonNull(path, "path");
        this.size = size;
        this.modificationTime = modificationTime;
        this.statsJson = Objects.requireNonNull(statsJson, "statsJson");
    }

    public String path() {
        return path;
    }

    public long size() {
        return size;
    }

    public long modificationTime() {
        return modificationTime;
    }

    public String statsJson() {
        return statsJson;
    }

    @Override
    public String toString() {
        return path + " (" + size + " bytes)";
    }
}
