package io.codeanatomy.job;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.schema.TableRow;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.schema.CpgSchema;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every row of every CPG table of a warehouse, read back with Delta Kernel. */
public final class WarehouseRows {
    public final Map<String, List<Object[]>> byTable = new TreeMap<>();

    /** How many data files the table's current version has (from Delta Kernel's scan, not our own bookkeeping). */
    public static int activeFiles(Path warehouse, String table) throws java.io.IOException {
        Engine engine = EngineFactory.create();
        return io.codeanatomy.delta.kernel.TableFiles.of(engine,
                TableManager.loadSnapshot(TablePaths.tablePath(warehouse.toString(), table)).build(engine)).files();
    }

    /** Each data file's owners (repo + NUL + path) in file order, from the files themselves (Delta Kernel). */
    public static List<List<String>> ownersByFile(Path warehouse, String table) throws java.io.IOException {
        Engine engine = EngineFactory.create();
        return io.codeanatomy.delta.kernel.TableOwners.ownersByFile(engine,
                TableManager.loadSnapshot(TablePaths.tablePath(warehouse.toString(), table)).build(engine), CpgSchema.TABLES.get(table));
    }

    public static WarehouseRows read(Path warehouse) {
        return read(warehouse.toString());
    }

    /** The same, for a warehouse URI (e.g. {@code s3a://bucket/wh}). */
    public static WarehouseRows read(String warehouse) {
        Engine engine = EngineFactory.create();
        WarehouseRows rows = new WarehouseRows();
        for (TableSpec spec : CpgSchema.TABLES.tables()) {
            rows.byTable.put(spec.name(), TableRows.readAll(engine,
                    TableManager.loadSnapshot(TablePaths.tablePath(warehouse, spec.name())).build(engine), spec));
        }
        return rows;
    }

    public List<Object[]> table(String name) {
        return byTable.get(name);
    }

    /** The rows of a CPG table, read by column name. */
    public List<TableRow> rows(String name) {
        return TableRow.all(CpgSchema.TABLES.get(name), byTable.get(name));
    }

    /**
     * Each table as sorted text lines: equal when the tables hold the same rows. repo_heads'
     * {@code detected_at} (when a run saw the commit) and {@code version} (how many commits this
     * warehouse has indexed) record the warehouse's history, outside the determinism contract, so
     * they are left out.
     */
    public Map<String, List<String>> canonical() {
        Map<String, List<String>> out = new TreeMap<>();
        int detectedAt = CpgSchema.REPO_HEADS_TABLE.index("detected_at");
        int version = CpgSchema.REPO_HEADS_TABLE.index("version");
        byTable.forEach((table, rows) -> {
            List<String> lines = new ArrayList<>();
            for (Object[] r : rows) {
                Object[] row = r;
                if (table.equals(CpgSchema.REPO_HEADS)) {
                    row = r.clone();
                    row[detectedAt] = null;
                    row[version] = null;
                }
                lines.add(Arrays.toString(row));
            }
            lines.sort(String::compareTo);
            out.put(table, lines);
        });
        return out;
    }

    /**
     * Every table but repo_heads as sorted text lines with the {@code commit} column left out: what a
     * warehouse that followed a history must share with a fresh index of its head (where every row
     * names the head, not the commit that last changed its file).
     */
    public Map<String, List<String>> withoutCommit() {
        Map<String, List<String>> out = new TreeMap<>();
        byTable.forEach((table, rows) -> {
            if (table.equals(CpgSchema.REPO_HEADS)) {
                return;
            }
            int commit = CpgSchema.TABLES.get(table).index("commit");
            List<String> lines = new ArrayList<>();
            for (Object[] r : rows) {
                Object[] copy = r.clone();
                copy[commit] = null;
                lines.add(Arrays.toString(copy));
            }
            lines.sort(String::compareTo);
            out.put(table, lines);
        });
        return out;
    }
}
