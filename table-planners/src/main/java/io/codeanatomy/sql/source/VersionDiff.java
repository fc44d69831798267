package io.codeanatomy.sql.source;

import io.codeanatomy.delta.kernel.PinnedSnapshot;
import io.codeanatomy.delta.schema.ColumnType;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.schema.FlinkSchemas;

import io.delta.kernel.engine.Engine;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The change a table version made, as a changelog: the rows of the files it removed and of the files it
 * added, matched by primary key. A key only removed is a DELETE, only added an INSERT, in both with other
 * values an UPDATE_BEFORE/UPDATE_AFTER pair, and in both alike nothing: a copy-on-write rewrite that
 * re-adds a file's untouched rows, or a compaction, emits nothing for them. Rows are compared whole and
 * emitted projected (a change only in columns not selected emits nothing), in key order, so a restored
 * reader can skip what it emitted.
 */
final class VersionDiff {
    private VersionDiff() {
    }

    static List<RowData> changes(Engine engine, TableSpec spec, DeltaSplit change, int[] columns) throws IOException {
        Map<String, Object[]> before = rows(engine, spec, change.tablePath(), change.fromVersion(), change.removedFiles());
        Map<String, Object[]> after = rows(engine, spec, change.tablePath(), change.version(), change.addedFiles());
        ColumnType[] types = new ColumnType[columns.length];
        for (int c = 0; c < columns.length; c++) {
            types[c] = spec.columns().get(columns[c]).type();
        }
        TreeMap<String, Boolean> keys = new TreeMap<>();
        before.keySet().forEach(k -> keys.put(k, true));
        after.keySet().forEach(k -> keys.put(k, true));
        List<RowData> out = new ArrayList<>();
        for (String key : keys.keySet()) {
            Object[] b = before.get(key);
            Object[] a = after.get(key);
            if (a == null) {
                out.add(row(project(b, columns), types, RowKind.DELETE));
            } else if (b == null) {
                out.add(row(project(a, columns), types, RowKind.INSERT));
            } else {
                Object[] pb = project(b, columns);
                Object[] pa = project(a, columns);
                if (!Arrays.equals(pb, pa)) {
                    out.add(row(pb, types, RowKind.UPDATE_BEFORE));
                    out.add(row(pa, types, RowKind.UPDATE_AFTER));
                }
            }
        }
        return out;
    }

    private static Map<String, Object[]> rows(Engine engine, TableSpec spec, String tablePath, long version, List<String> files)
            throws IOException {
        Map<String, Object[]> out = new java.util.HashMap<>();
        if (files.isEmpty()) {
            return out;
        }
        int[] all = new int[spec.width()];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        PinnedSnapshot snapshot = PinnedSnapshot.of(engine, tablePath, spec, Optional.of(version));
        for (String file : files) {
            try (PinnedSnapshot.FileRows rows = snapshot.read(file, all)) {
                while (rows.hasNext()) {
                    Object[] row = rows.next();
                    out.put(spec.keyOf(row), row);
                }
            }
        }
        return out;
    }

    private static Object[] project(Object[] row, int[] columns) {
        Object[] out = new Object[columns.length];
        for (int c = 0; c < columns.length; c++) {
            out[c] = row[columns[c]];
        }
        return out;
    }

    static GenericRowData row(Object[] values, ColumnType[] types, RowKind kind) {
        GenericRowData row = new GenericRowData(kind, values.length);
        for (int c = 0; c < values.length; c++) {
            row.setField(c, FlinkSchemas.internal(types[c], values[c]));
        }
        return row;
    }
}
