package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.schema.TableSet;

import java.io.Serializable;
import java.util.Objects;

/**
 * Settings of one sink. {@code applicationId} names the writing job in every Delta transaction id:
 * a replay of a checkpoint with the same (application id, checkpoint id) writes nothing.
 */
public final class DeltaSinkConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Rows a writer buffers before it writes a data file ahead of the checkpoint. */
    public static final long DEFAULT_ROLL_ROWS = 200_000;

    private final String warehouse;
    private final TableSet tables;
    private final String applicationId;
    private final long rollRows;

    public DeltaSinkConfig(String warehouse, TableSet tables, String applicationId, long rollRows) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
        if (rollRows < 1) {
            throw new IllegalArgumentException("rollRows must be positive, was " + rollRows);
        }
        this.rollRows = rollRows;
    }

    public String warehouse() {
        return warehouse;
    }

    public TableSet tables() {
        return tables;
    }

    public String applicationId() {
        return applicationId;
    }

    public long rollRows() {
        return rollRows;
    }

    public String tablePath(String table) {
        return TablePaths.tablePath(warehouse, table);
    }
}
