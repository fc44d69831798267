package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.FileLayout;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.maintenance.MaintenancePolicy;
import io.codeanatomy.delta.schema.TableSet;

import java.io.Serializable;
import java.util.Objects;

/**
 * Settings of one sink. {@code applicationId} names the writing job in every Delta transaction id:
 * a replay of a checkpoint with the same (application id, checkpoint id) writes nothing.
 */
public final class DeltaSinkConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Rows a writer buffers before it writes data files ahead of the checkpoint. */
    public static final long DEFAULT_ROLL_ROWS = 200_000;
    /** Off-heap (Arrow) bytes a writer buffers before it writes data files ahead of the checkpoint. */
    public static final long DEFAULT_BUFFER_BYTES = 64L * 1024 * 1024;

    private final String warehouse;
    private final TableSet tables;
    private final String applicationId;
    private final long rollRows;
    private final long bufferBytes;
    private final long targetFileBytes;
    private final FileLayout layout;
    private final MaintenancePolicy maintenance;
    private final SinkFaults faults;

    private DeltaSinkConfig(Builder b) {
        this.warehouse = Objects.requireNonNull(b.warehouse, "warehouse");
        this.tables = Objects.requireNonNull(b.tables, "tables");
        this.applicationId = Objects.requireNonNull(b.applicationId, "applicationId");
        if (b.rollRows < 1 || b.bufferBytes < 1) {
            throw new IllegalArgumentException("rollRows and bufferBytes must be positive");
        }
        this.rollRows = b.rollRows;
        this.bufferBytes = b.bufferBytes;
        if (b.targetFileBytes < 1) {
            throw new IllegalArgumentException("targetFileBytes must be positive");
        }
        this.targetFileBytes = b.targetFileBytes;
        this.layout = b.layout;
        this.maintenance = b.maintenance;
        this.faults = b.faults;
    }

    public static Builder builder(String warehouse, TableSet tables, String applicationId) {
        return new Builder(warehouse, tables, applicationId);
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

    public long bufferBytes() {
        return bufferBytes;
    }

    /** Data files roll at this size. */
    public long targetFileBytes() {
        return targetFileBytes;
    }

    /** How rows lie in data files: owners per file (docs/delta-sink.md, "Layout"). */
    public FileLayout layout() {
        return layout;
    }

    public MaintenancePolicy maintenance() {
        return maintenance;
    }

    public SinkFaults faults() {
        return faults;
    }

    public String tablePath(String table) {
        return TablePaths.tablePath(warehouse, table);
    }

    /** Optional settings with their defaults. */
    public static final class Builder {
        private final String warehouse;
        private final TableSet tables;
        private final String applicationId;
        private long rollRows = DEFAULT_ROLL_ROWS;
        private long bufferBytes = DEFAULT_BUFFER_BYTES;
        private long targetFileBytes = io.codeanatomy.delta.kernel.EngineFactory.DEFAULT_TARGET_FILE_BYTES;
        private FileLayout layout = FileLayout.DEFAULT;
        private MaintenancePolicy maintenance = MaintenancePolicy.defaults();
        private SinkFaults faults = SinkFaults.NONE;

        private Builder(String warehouse, TableSet tables, String applicationId) {
            this.warehouse = warehouse;
            this.tables = tables;
            this.applicationId = applicationId;
        }

        public Builder rollRows(long rows) {
            this.rollRows = rows;
            return this;
        }

        public Builder bufferBytes(long bytes) {
            this.bufferBytes = bytes;
            return this;
        }

        public Builder targetFileBytes(long bytes) {
            this.targetFileBytes = bytes;
            return this;
        }

        public Builder layout(FileLayout layout) {
            this.layout = Objects.requireNonNull(layout);
            return this;
        }

        public Builder maintenance(MaintenancePolicy policy) {
            this.maintenance = Objects.requireNonNull(policy);
            return this;
        }

        public Builder faults(SinkFaults faults) {
            this.faults = Objects.requireNonNull(faults);
            return this;
        }

        public DeltaSinkConfig build() {
            return new DeltaSinkConfig(this);
        }
    }
}
