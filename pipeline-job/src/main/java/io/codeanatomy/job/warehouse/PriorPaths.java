package io.codeanatomy.job.warehouse;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableOwners;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.schema.CpgSchema;

import io.delta.kernel.engine.Engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The paths of a repository the warehouse already holds rows for, in any CPG table (not only
 * {@code files}: a run killed between two tables' commits can leave rows another table no longer
 * owns), so a new snapshot deletes the rows of every path it no longer has. The warehouse is its URI
 * (or a local path), as {@link TablePaths} takes it.
 */
public final class PriorPaths {
    private PriorPaths() {
    }

    public static List<String> of(String warehouse, String repo) {
        Engine engine = EngineFactory.create();
        Set<String> paths = new TreeSet<>();
        for (TableSpec spec : CpgSchema.TABLES.tables()) {
            if (spec.name().equals(CpgSchema.REPO_HEADS) || !TablePaths.exists(warehouse, spec.name())) {
                continue; // repo_heads is owned by (repo, ""), not by a file
            }
            paths.addAll(TableOwners.pathsOf(engine, TableRows.latest(engine, TablePaths.tablePath(warehouse, spec.name())),
                    spec, repo));
        }
        return new ArrayList<>(paths);
    }
}
