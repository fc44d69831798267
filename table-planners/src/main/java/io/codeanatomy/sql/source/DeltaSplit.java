package io.codeanatomy.sql.source;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One data file of a pinned table version: the unit a reader reads. {@code rowsToSkip} is how many
 * rows of the file a reader already emitted before a checkpoint (a file is read in a fixed order, so a
 * restored reader skips them).
 */
public record DeltaSplit(String splitId, String tablePath, long version, String filePath, long rowsToSkip)
        implements SourceSplit, java.io.Serializable {
    @Override
    public String splitId() {
        return splitId;
    }

    DeltaSplit skipping(long rows) {
        return new DeltaSplit(splitId, tablePath, version, filePath, rows);
    }
}
