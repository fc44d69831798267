package io.codeanatomy.job.warehouse;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableOwners;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.schema.CpgSchema;

import io.codeanatomy.source.split.PriorPath;

import io.delta.kernel.engine.Engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The paths of a repository the warehouse already holds rows for, in any CPG table (not only
 * {@code files}: a run killed between two tables' commits can leave rows another table no longer
 * owns), so a new snapshot deletes the rows of every path it no longer has, and a resumed watch
 * re-reads those whose rows name a commit it never made visible. The warehouse is its URI (or a local
 * path), as {@link TablePaths} takes it.
 */
public final class PriorPaths {
    private PriorPaths() {
    }

    public static List<String> of(String warehouse, String repo) {
        return withCommits(warehouse, repo).stream().map(PriorPath::path).toList();
    }

    /**
     * Each path with the one commit all its rows name in every table, or none ({@link PriorPath#unsettled})
     * when the tables disagree, {@code files} lacks the path, or a table holds another number of rows
     * for it than its {@code files} row counts (the file's re-read reached {@code files} and not that
     * table, which held no rows for it before: the labels alone cannot tell).
     */
    public static List<PriorPath> withCommits(String warehouse, String repo) {
        Engine engine = EngineFactory.create();
        Map<String, Set<String>> commits = new TreeMap<>();
        Map<String, Map<String, Long>> rowsByTable = new HashMap<>();
        Map<String, Object[]> filed = filesRows(engine, warehouse, repo);
        filed.forEach((path, row) -> commits.computeIfAbsent(path, p -> new HashSet<>())
                .add((String) row[CpgSchema.FILES_TABLE.index(TableOwners.COMMIT)]));
        for (TableSpec spec : CpgSchema.TABLES.tables()) {
            if (spec.name().equals(CpgSchema.REPO_HEADS) || spec.name().equals(CpgSchema.FILES)
                    || spec.isMaintainedByKey() || !TablePaths.exists(warehouse, spec.name())) {
                // repo_heads is owned by (repo, ""), not by a file; files is read whole above; the
                // linker's rows are not a file version's and the linker puts them right itself at start.
                continue;
            }
            Map<String, TableOwners.PathRows> table = TableOwners.commitsOf(engine,
                    TableRows.latest(engine, TablePaths.tablePath(warehouse, spec.name())), spec, repo);
            Map<String, Long> rows = new HashMap<>();
            table.forEach((path, held) -> {
                commits.computeIfAbsent(path, p -> new HashSet<>()).addAll(held.commits());
                rows.put(path, held.rows());
            });
            rowsByTable.put(spec.name(), rows);
        }
        List<PriorPath> out = new ArrayList<>(commits.size());
        for (Map.Entry<String, Set<String>> e : commits.entrySet()) {
            Set<String> named = e.getValue();
            Object[] file = filed.get(e.getKey());
            out.add(named.size() == 1 && file != null && countsMatch(file, e.getKey(), rowsByTable)
                    ? new PriorPath(e.getKey(), named.iterator().next()) : PriorPath.unsettled(e.getKey()));
        }
        return out;
    }

    private static boolean countsMatch(Object[] file, String path, Map<String, Map<String, Long>> rowsByTable) {
        for (CpgSchema.RowCount count : CpgSchema.ROW_COUNTS) {
            long held = rowsByTable.getOrDefault(count.table(), Map.of()).getOrDefault(path, 0L);
            Object expected = file[CpgSchema.FILES_TABLE.index(count.column())];
            if (expected == null || ((Number) expected).longValue() != held) {
                return false;
            }
        }
        return true;
    }

    /** The repository's {@code files} rows by path (one row a file: cheap next to the other tables). */
    private static Map<String, Object[]> filesRows(Engine engine, String warehouse, String repo) {
        Map<String, Object[]> out = new HashMap<>();
        if (!TablePaths.exists(warehouse, CpgSchema.FILES)) {
            return out;
        }
        TableSpec spec = CpgSchema.FILES_TABLE;
        TableRows.forEach(engine, TableRows.latest(engine, TablePaths.tablePath(warehouse, CpgSchema.FILES)), spec, row -> {
            if (repo.equals(row[spec.repoIndex()])) {
                out.put((String) row[spec.pathIndex()], row);
            }
        });
        return out;
    }
}
