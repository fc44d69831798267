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
     * when the tables disagree or {@code files} lacks the path.
     */
    public static List<PriorPath> withCommits(String warehouse, String repo) {
        Engine engine = EngineFactory.create();
        Map<String, Set<String>> commits = new TreeMap<>();
        Set<String> filed = Set.of();
        for (TableSpec spec : CpgSchema.TABLES.tables()) {
            if (spec.name().equals(CpgSchema.REPO_HEADS) || !TablePaths.exists(warehouse, spec.name())) {
                continue; // repo_heads is owned by (repo, ""), not by a file
            }
            Map<String, Set<String>> table = TableOwners.commitsOf(engine,
                    TableRows.latest(engine, TablePaths.tablePath(warehouse, spec.name())), spec, repo);
            table.forEach((path, named) -> commits.computeIfAbsent(path, p -> new HashSet<>()).addAll(named));
            if (spec.name().equals(CpgSchema.FILES)) {
                filed = table.keySet();
            }
        }
        List<PriorPath> out = new ArrayList<>(commits.size());
        for (Map.Entry<String, Set<String>> e : commits.entrySet()) {
            Set<String> named = e.getValue();
            out.add(named.size() == 1 && filed.contains(e.getKey())
                    ? new PriorPath(e.getKey(), named.iterator().next()) : PriorPath.unsettled(e.getKey()));
        }
        return out;
    }
}
