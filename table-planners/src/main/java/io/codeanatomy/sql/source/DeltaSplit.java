package io.codeanatomy.sql.source;

import org.apache.flink.api.connector.source.SourceSplit;

import java.util.List;

/**
 * What a reader reads: one data file of a pinned version ({@code filePath}), or the change of a table
 * from one committed version to the next ({@code fromVersion} to {@code version}: the data files the
 * later version no longer has and those it added, diffed by key). {@code rowsToSkip} is how many rows
 * a reader already emitted before a checkpoint (both are read in a fixed order, so a restored reader
 * skips them).
 */
public record DeltaSplit(String splitId, String tablePath, long version, String filePath, long rowsToSkip,
                         long fromVersion, List<String> removedFiles, List<String> addedFiles)
        implements SourceSplit, java.io.Serializable {

    /** A data file of a pinned version. */
    public static DeltaSplit file(String splitId, String tablePath, long version, String filePath) {
        return new DeltaSplit(splitId, tablePath, version, filePath, 0, -1, List.of(), List.of());
    }

    /** The change from {@code fromVersion} to {@code version}. */
    public static DeltaSplit change(String splitId, String tablePath, long fromVersion, long version,
                                    List<String> removedFiles, List<String> addedFiles) {
        return new DeltaSplit(splitId, tablePath, version, "", 0, fromVersion, List.copyOf(removedFiles), List.copyOf(addedFiles));
    }

    public boolean isChange() {
        return fromVersion >= 0;
    }

    @Override
    public String splitId() {
        return splitId;
    }

    DeltaSplit skipping(long rows) {
        return new DeltaSplit(splitId, tablePath, version, filePath, rows, fromVersion, removedFiles, addedFiles);
    }
}
