package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.CommitOutcome;
import io.codeanatomy.delta.kernel.OwnerSet;
import io.codeanatomy.delta.kernel.ParquetStager;
import io.codeanatomy.delta.kernel.TableCommit;
import io.codeanatomy.delta.kernel.TableCreator;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.kernel.WriterGuard;
import io.codeanatomy.delta.schema.TableRow;
import io.codeanatomy.delta.schema.TableSet;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;

import static io.codeanatomy.delta.schema.ColumnType.INT;
import static io.codeanatomy.delta.schema.ColumnType.LONG;
import static io.codeanatomy.delta.schema.ColumnType.STRING;

/**
 * The {@code commits} table: for every committed checkpoint, the version it produced of each table.
 * It is committed after the tables, under the same transaction id, so a row exists only when all
 * of its checkpoint's tables are committed. Readers pin every table to one checkpoint with it.
 */
public final class CommitLog {
    public static final String TABLE = "commits";

    public static final TableSpec SPEC = columns(TableSpec.builder(TABLE, "One row per (checkpoint, table) committed by a sink."))
            .optional("staged_digest", STRING, "SHA-256 of what the checkpoint staged: its owners, keys and data files"
                    + " (path, size), sorted; a replay must match it")
            .primaryKey("application_id", "checkpoint_id", "table_name")
            .unowned()
            .build();

    /**
     * The table as written before {@code staged_digest}: such a table stays readable and writable
     * (its rows carry no digest, and a replay is checked by owner count instead).
     */
    static final TableSpec SPEC_WITHOUT_DIGEST = columns(TableSpec.builder(TABLE, "One row per (checkpoint, table) committed by a sink."))
            .primaryKey("application_id", "checkpoint_id", "table_name")
            .unowned()
            .build();

    private static TableSpec.Builder columns(TableSpec.Builder b) {
        return b.required("application_id", STRING, "the writing job's application id (the Delta txn appId)")
                .required("checkpoint_id", LONG, "Flink checkpoint id (the Delta txn version)")
                .required("table_name", STRING, "the table committed")
                .required("table_version", LONG, "Delta version of that table holding this checkpoint's data")
                .required("committed_at", LONG, "commit time, epoch milliseconds")
                .required("owners_replaced", LONG, "source files replaced or deleted by the checkpoint")
                .required("files_added", INT, "data files added to the table (-1 when found already committed)")
                .required("files_removed", INT, "data files removed from the table (-1 when found already committed)");
    }

    /** The spec of the {@code commits} table at {@code tablePath}: {@link #SPEC} unless it predates the digest. */
    public static TableSpec specOf(Engine engine, String tablePath) {
        try {
            return specOf(TableManager.loadSnapshot(tablePath).build(engine));
        } catch (TableNotFoundException notYet) {
            return SPEC;
        }
    }

    /**
     * What maintenance covers in a warehouse: the set's tables, then the {@code commits} table with the
     * columns it has (it gains a file per checkpoint, and every reader lists its files; one from before
     * the digest column is compacted with its own columns).
     */
    public static List<TableSpec> withCommitsTable(Engine engine, String warehouse, TableSet tables) {
        List<TableSpec> all = new ArrayList<>(tables.tables());
        all.add(specOf(engine, TablePaths.tablePath(warehouse, TABLE)));
        return all;
    }

    private static TableSpec specOf(Snapshot snapshot) {
        return snapshot.getSchema().indexOf("staged_digest") < 0 ? SPEC_WITHOUT_DIGEST : SPEC;
    }

    private final Engine engine;
    private final String tablePath;
    private final WriterGuard guard;
    private final TableSpec spec;

    CommitLog(Engine engine, String tablePath, WriterGuard guard) {
        this.engine = engine;
        this.tablePath = tablePath;
        this.guard = guard;
        this.spec = specOf(engine, tablePath);
    }

    /** One entry of a checkpoint's record. */
    static final class Entry {
        final String table;
        final long version;
        final CommitOutcome outcome;

        Entry(String table, long version, CommitOutcome outcome) {
            this.table = table;
            this.version = version;
            this.outcome = outcome;
        }
    }

    /** A checkpoint a reader can pin every table to. */
    public static final class Checkpoint {
        public final String applicationId;
        public final long checkpointId;
        public final long committedAt;
        /** Table name to the Delta version holding this checkpoint's data. */
        public final Map<String, Long> versions = new TreeMap<>();

        Checkpoint(String applicationId, long checkpointId, long committedAt) {
            this.applicationId = applicationId;
            this.checkpointId = checkpointId;
            this.committedAt = committedAt;
        }
    }

    /**
     * Every committed checkpoint of a warehouse, oldest first. Reading each table at
     * {@code versions.get(table)} gives one consistent view of all tables.
     *
     * <p>The table gains a file per checkpoint and is read for every SQL statement and every poll of a
     * streaming query: the rows of each file read are kept (by table, in this JVM) and only files not
     * read before are opened, so a read costs the log replay and the new checkpoints, not every
     * checkpoint since the warehouse began. The kept rows are those of the files active at the version
     * read last: a compacted or removed file drops out of them.
     */
    public static List<Checkpoint> checkpoints(Engine engine, String warehouse) {
        if (!TablePaths.exists(warehouse, TABLE)) {
            return List.of();
        }
        String path = TablePaths.tablePath(warehouse, TABLE);
        Snapshot snapshot = TableManager.loadSnapshot(path).build(engine);
        TableSpec spec = specOf(snapshot);
        String tableId = TableRows.tableId(snapshot);
        Read last = READ.get(path);
        boolean sameTable = last != null && last.tableId.equals(tableId) && last.spec == spec;
        if (sameTable && last.version == snapshot.getVersion()) {
            return last.checkpoints;
        }
        Map<String, List<Object[]>> byFile = TableRows.byFile(engine, snapshot, spec, sameTable ? last.byFile : Map.of());
        List<Checkpoint> checkpoints = checkpoints(spec, byFile);
        READ.put(path, new Read(tableId, snapshot.getVersion(), spec, byFile, checkpoints));
        return checkpoints;
    }

    /** What {@link #checkpoints(Engine, String)} read last of a table: which table, its version, rows by file, the result. */
    private record Read(String tableId, long version, TableSpec spec, Map<String, List<Object[]>> byFile,
                        List<Checkpoint> checkpoints) {
    }

    /**
     * Warehouses whose last read is kept: a SQL session or a watch reads one or a few, again and again;
     * a process that reads more keeps the most recently read (each holds its commits table's rows).
     */
    static final int KEPT_READS = 16;
    private static final Map<String, Read> READ = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(KEPT_READS, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Read> eldest) {
                    return size() > KEPT_READS;
                }
            });

    /** How many warehouses' reads are kept (for tests). */
    static int keptReads() {
        return READ.size();
    }

    private static List<Checkpoint> checkpoints(TableSpec spec, Map<String, List<Object[]>> byFile) {
        Map<String, Checkpoint> byId = new TreeMap<>();
        for (List<Object[]> rows : byFile.values()) {
            for (Object[] values : rows) {
                TableRow row = spec.row(values);
                String app = row.string("application_id");
                long ckpt = row.longValue("checkpoint_id");
                Checkpoint c = byId.computeIfAbsent(app + "\u0000" + ckpt,
                        k -> new Checkpoint(app, ckpt, row.longValue("committed_at")));
                c.versions.put(row.string("table_name"), row.longValue("table_version"));
            }
        }
        List<Checkpoint> out = new ArrayList<>(byId.values());
        // Versions only grow, so the order of any table's versions is the commit order.
        out.sort(Comparator.comparingLong((Checkpoint c) -> c.versions.values().stream().mapToLong(Long::longValue).sum())
                .thenComparingLong(c -> c.committedAt));
        return List.copyOf(out);
    }

    /**
     * A replay must carry the data first committed under its id. If it does not, two different
     * checkpoints shared an id and the second would be silently skipped: fail instead of losing it.
     * Rows with a digest are compared by digest; rows written before the digest existed, by count.
     */
    private void verifyReplay(String appId, long checkpointId, long ownersReplaced, String digest) {
        for (Object[] values : TableRows.readAll(engine, TableManager.loadSnapshot(tablePath).build(engine), spec)) {
            TableRow row = spec.row(values);
            if (!appId.equals(row.string("application_id")) || checkpointId != row.longValue("checkpoint_id")) {
                continue;
            }
            String recorded = (spec == SPEC) ? row.string("staged_digest") : null;
            long recordedOwners = row.longValue("owners_replaced");
            boolean same = recorded != null ? recorded.equals(digest) : recordedOwners == ownersReplaced;
            if (!same) {
                throw new IllegalStateException("checkpoint " + checkpointId + " of " + appId + " was committed with "
                        + recordedOwners + " owners" + (recorded != null ? " (staged digest " + recorded + ")" : "")
                        + ", but is being replayed with " + ownersReplaced + " owners"
                        + (recorded != null ? " (staged digest " + digest + ")" : "")
                        + "; refusing to skip different data under the same transaction id");
            }
            return; // every row of a checkpoint carries the same owners and digest
        }
    }

    void record(String appId, long checkpointId, long ownersReplaced, String digest, List<Entry> entries)
            throws IOException {
        Optional<Long> done = TableCreator.ensureCreated(engine, tablePath, spec).getLatestTransactionVersion(engine, appId);
        if (done.isPresent() && done.get() >= checkpointId) {
            verifyReplay(appId, checkpointId, ownersReplaced, digest);
            return; // recorded before a failure; replays stage nothing
        }
        long now = System.currentTimeMillis();
        List<Object[]> rows = new ArrayList<>();
        for (Entry e : entries) {
            boolean replayed = e.outcome.alreadyCommitted();
            Object[] row = {appId, checkpointId, e.table, e.version, now, ownersReplaced,
                    replayed ? -1 : e.outcome.addedFiles, replayed ? -1 : e.outcome.removedFiles, digest};
            rows.add((spec == SPEC) ? row : Arrays.copyOf(row, spec.width()));
        }
        rows.forEach(spec::validate);
        new TableCommit(engine, tablePath, spec, guard).commit(appId, checkpointId, new OwnerSet(List.of()), Set.of(),
                new ParquetStager(engine, tablePath, spec).stage(rows));
    }
}
