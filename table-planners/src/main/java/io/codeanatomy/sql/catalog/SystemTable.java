package io.codeanatomy.sql.catalog;

import io.codeanatomy.delta.kernel.CommitFiles;
import io.codeanatomy.delta.kernel.PinnedSnapshot;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.delta.sink.CommitLog;
import io.codeanatomy.schema.CpgSchema;

import com.fasterxml.jackson.databind.JsonNode;

import io.delta.kernel.engine.Engine;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalog's system tables, computed from the warehouse's logs when a statement plans them:
 * {@code checkpoints} (one row per committed checkpoint, with the version of every table it pins),
 * {@code T$history} (one row per Delta version of table T: when, what, which checkpoint) and
 * {@code T$files} (the data files of T at the statement's pin, with their row counts and statistics).
 */
public enum SystemTable {
    CHECKPOINTS, HISTORY, FILES;

    public static final String CHECKPOINTS_TABLE = "checkpoints";
    public static final String HISTORY_SUFFIX = "$history";
    public static final String FILES_SUFFIX = "$files";

    /** The system table a name denotes, with the data table it describes (empty for {@code checkpoints}). */
    public record Named(SystemTable kind, String table) {
    }

    public static Optional<Named> parse(String name) {
        if (name.equals(CHECKPOINTS_TABLE)) {
            return Optional.of(new Named(CHECKPOINTS, ""));
        }
        if (name.endsWith(HISTORY_SUFFIX)) {
            return Optional.of(new Named(HISTORY, name.substring(0, name.length() - HISTORY_SUFFIX.length())));
        }
        if (name.endsWith(FILES_SUFFIX)) {
            return Optional.of(new Named(FILES, name.substring(0, name.length() - FILES_SUFFIX.length())));
        }
        return Optional.empty();
    }

    public Schema schema() {
        Schema.Builder b = Schema.newBuilder();
        switch (this) {
            case CHECKPOINTS -> {
                b.column("application_id", DataTypes.STRING().notNull()).withComment("the writing job's application id");
                b.column("checkpoint_id", DataTypes.BIGINT().notNull()).withComment("the Flink checkpoint id");
                b.column("committed_at", DataTypes.TIMESTAMP_LTZ(3).notNull()).withComment("when its commit was recorded");
                for (TableSpec t : CpgSchema.TABLES.tables()) {
                    b.column(t.name() + "_version", DataTypes.BIGINT()).withComment("the Delta version of " + t.name() + " it pins");
                }
            }
            case HISTORY -> {
                b.column("version", DataTypes.BIGINT().notNull()).withComment("the Delta version");
                b.column("committed_at", DataTypes.TIMESTAMP_LTZ(3)).withComment("commitInfo.timestamp");
                b.column("operation", DataTypes.STRING()).withComment("commitInfo.operation (WRITE, CREATE TABLE, ...)");
                b.column("application_id", DataTypes.STRING()).withComment("the txn appId: the writing job, if a sink wrote it");
                b.column("checkpoint_id", DataTypes.BIGINT()).withComment("the txn version: the checkpoint it commits");
                b.column("files_added", DataTypes.INT().notNull()).withComment("add actions");
                b.column("files_removed", DataTypes.INT().notNull()).withComment("remove actions");
                b.column("data_change", DataTypes.BOOLEAN().notNull())
                        .withComment("false for a rewrite of the same rows (compaction)");
            }
            case FILES -> {
                b.column("path", DataTypes.STRING().notNull()).withComment("the data file, as the log names it");
                b.column("size_bytes", DataTypes.BIGINT().notNull()).withComment("its size");
                b.column("records", DataTypes.BIGINT()).withComment("its row count from the statistics, if any");
            }
        }
        return b.build();
    }

    public String comment(String table) {
        return switch (this) {
            case CHECKPOINTS -> "One row per committed checkpoint: the table versions a consistent read uses";
            case HISTORY -> "One row per Delta version of " + table;
            case FILES -> "The data files of " + table + " at the statement's checkpoint";
        };
    }

    /** The rows, at the given pin for {@code FILES}. */
    public List<RowData> rows(Engine engine, String warehouse, String table, Optional<Long> version) {
        List<RowData> out = new ArrayList<>();
        switch (this) {
            case CHECKPOINTS -> {
                for (CommitLog.Checkpoint c : CommitLog.checkpoints(engine, warehouse)) {
                    GenericRowData r = new GenericRowData(3 + CpgSchema.TABLES.size());
                    r.setField(0, StringData.fromString(c.applicationId));
                    r.setField(1, c.checkpointId);
                    r.setField(2, TimestampData.fromEpochMillis(c.committedAt));
                    for (int i = 0; i < CpgSchema.TABLES.size(); i++) {
                        r.setField(3 + i, c.versions.get(CpgSchema.TABLES.get(i).name()));
                    }
                    out.add(r);
                }
            }
            case HISTORY -> {
                String tablePath = TablePaths.tablePath(warehouse, table);
                long latest = TableRows.latest(engine, tablePath).getVersion();
                for (long v = 0; v <= latest; v++) {
                    history(tablePath, v).ifPresent(out::add);
                }
            }
            case FILES -> {
                String tablePath = TablePaths.tablePath(warehouse, table);
                for (PinnedSnapshot.DataFile f : PinnedSnapshot.of(engine, tablePath, null, version).files(Optional.empty())) {
                    out.add(GenericRowData.of(StringData.fromString(f.path()), f.size(), f.records() < 0 ? null : f.records()));
                }
            }
        }
        return out;
    }

    /** A version's row; empty once log cleanup removed its commit file. */
    private static Optional<RowData> history(String tablePath, long version) {
        List<JsonNode> actions;
        try {
            actions = CommitFiles.actions(tablePath, version);
        } catch (FileNotFoundException cleaned) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Long timestamp = null;
        String operation = null;
        String app = null;
        Long txn = null;
        int added = 0;
        int removed = 0;
        boolean dataChange = false;
        for (JsonNode a : actions) {
            if (a.has("commitInfo")) {
                JsonNode info = a.get("commitInfo");
                timestamp = info.has("timestamp") ? info.get("timestamp").asLong() : null;
                operation = info.has("operation") ? info.get("operation").asText() : null;
            } else if (a.has("txn")) {
                app = a.get("txn").path("appId").asText(null);
                txn = a.get("txn").has("version") ? a.get("txn").get("version").asLong() : null;
            } else if (a.has("add")) {
                added++;
                dataChange |= a.get("add").path("dataChange").asBoolean(true);
            } else if (a.has("remove")) {
                removed++;
                dataChange |= a.get("remove").path("dataChange").asBoolean(true);
            }
        }
        return Optional.of(GenericRowData.of(version, timestamp == null ? null : TimestampData.fromEpochMillis(timestamp),
                operation == null ? null : StringData.fromString(operation), app == null ? null : StringData.fromString(app),
                txn, added, removed, dataChange));
    }
}
