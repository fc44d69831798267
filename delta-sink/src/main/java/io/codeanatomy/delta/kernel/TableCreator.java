package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.Operation;
import io.delta.kernel.TableManager;
import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ProtocolChangedException;
import io.delta.kernel.exceptions.TableAlreadyExistsException;
import io.codeanatomy.delta.schema.TableSet;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates a table on first use with the lowest protocol that works (reader 1, writer 2), so every
 * Delta reader can read it, and checks that an existing table has the schema the sink writes.
 */
public final class TableCreator {
    private static final Logger LOG = LoggerFactory.getLogger(TableCreator.class);
    static final String ENGINE_INFO = "codeanatomy-delta-sink/0.1";
    /** Marks commits of compaction and vacuum, which may interleave with a running job. */
    static final String MAINTENANCE_ENGINE_INFO = "codeanatomy-maintenance/0.1";

    private TableCreator() {
    }

    public static Snapshot ensureCreated(Engine engine, String tablePath, TableSpec spec) {
        StructType schema = TableCodecs.of(spec).deltaSchema();
        try {
            return checkSchema(TableRows.latest(engine, tablePath), tablePath, schema);
        } catch (TableNotFoundException notYet) {
            try {
                TableManager.buildCreateTableTransaction(tablePath, schema, ENGINE_INFO)
                        .withTableProperties(Map.of(
                                // 7 days, Delta's default, stated so operators see it in the table metadata
                                "delta.deletedFileRetentionDuration", "interval 7 days",
                                "delta.checkpointInterval", "10"))
                        .build(engine)
                        .commit(engine, CloseableIterable.emptyIterable());
                LOG.info("created Delta table {} at {}", spec.name(), tablePath);
            } catch (TableAlreadyExistsException | ProtocolChangedException raced) {
                // another writer created it between our look and our create
                LOG.debug("table {} was created concurrently", tablePath);
            }
            return checkSchema(TableRows.latest(engine, tablePath), tablePath, schema);
        }
    }

    /**
     * Checks that an existing table has the schema the sink writes, without creating anything: for
     * maintenance, which must not rewrite or vacuum a table that is not ours. A missing table is
     * {@link TableNotFoundException}.
     */
    public static Snapshot requireSchema(Engine engine, String tablePath, TableSpec spec) {
        return checkSchema(TableRows.latest(engine, tablePath), tablePath, TableCodecs.of(spec).deltaSchema());
    }

    /** Creates every table of a warehouse that does not exist yet; run once before a job starts. */
    public static void ensureAll(Engine engine, String warehouse, TableSet tables) {
        for (TableSpec spec : tables.tables()) {
            ensureCreated(engine, TablePaths.tablePath(warehouse, spec.name()), spec);
        }
    }

    /**
     * Checks the schema of every table of the set that exists and returns those that do not exist
     * yet: the check that must fail a job before it starts, without the creation, which need not.
     */
    public static List<TableSpec> checkExisting(Engine engine, String warehouse, TableSet tables) {
        List<TableSpec> missing = new ArrayList<>();
        for (TableSpec spec : tables.tables()) {
            try {
                requireSchema(engine, TablePaths.tablePath(warehouse, spec.name()), spec);
            } catch (TableNotFoundException notYet) {
                missing.add(spec);
            }
        }
        return missing;
    }

    private static Snapshot checkSchema(Snapshot snapshot, String tablePath, StructType schema) {
        if (!sameColumns(snapshot.getSchema(), schema)) {
            // One line with what differs (not both schemas, which are long): the user decides from it.
            String log = (tablePath.endsWith("/") ? tablePath : tablePath + "/") + "_delta_log";
            throw new UnreadableTableException(tablePath, log, "its schema (version " + snapshot.getVersion()
                    + ") is not the one this version of CodeAnatomy writes: " + columnDifferences(snapshot.getSchema(), schema)
                    + "; index into a new --warehouse or migrate the table", null);
        }
        return snapshot;
    }

    /** Columns missing, not ours, or of another type or nullability, by name; or the order, if only that differs. */
    static String columnDifferences(StructType actual, StructType expected) {
        List<String> missing = new ArrayList<>();
        List<String> differ = new ArrayList<>();
        for (StructField e : expected.fields()) {
            int i = actual.indexOf(e.getName());
            if (i < 0) {
                missing.add(e.getName());
            } else {
                StructField a = actual.at(i);
                if (!a.getDataType().equivalent(e.getDataType())) {
                    differ.add(e.getName() + " is " + a.getDataType() + ", not " + e.getDataType());
                } else if (a.isNullable() != e.isNullable()) {
                    differ.add(e.getName() + (a.isNullable() ? " is nullable" : " is not nullable"));
                }
            }
        }
        List<String> extra = new ArrayList<>();
        for (StructField a : actual.fields()) {
            if (expected.indexOf(a.getName()) < 0) {
                extra.add(a.getName());
            }
        }
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing columns " + String.join(", ", missing));
        }
        if (!extra.isEmpty()) {
            parts.add("columns not ours " + String.join(", ", extra));
        }
        if (!differ.isEmpty()) {
            parts.add(String.join(", ", differ));
        }
        return parts.isEmpty() ? "the columns are in another order: " + actual.fieldNames() : String.join("; ", parts);
    }

    private static boolean sameColumns(StructType actual, StructType expected) {
        if (actual.length() != expected.length()) {
            return false;
        }
        for (int i = 0; i < actual.length(); i++) {
            StructField a = actual.at(i);
            StructField e = expected.at(i);
            if (!a.getName().equals(e.getName()) || !a.getDataType().equivalent(e.getDataType())
                    || a.isNullable() != e.isNullable()) {
                return false;
            }
        }
        return true;
    }

    static Operation operation() {
        return Operation.STREAMING_UPDATE;
    }
}
