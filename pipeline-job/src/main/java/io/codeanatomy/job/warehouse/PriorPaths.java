package io.codeanatomy.job.warehouse;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.schema.CpgSchema;

import io.delta.kernel.engine.Engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The paths of a repository the warehouse already holds, read from the files table, so a new
 * snapshot can delete the rows of files it no longer has. The warehouse is its URI (or a local
 * path), as {@link TablePaths} takes it.
 */
public final class PriorPaths {
    private PriorPaths() {
    }

    public static List<String> of(String warehouse, String repo) {
        if (!TablePaths.exists(warehouse, CpgSchema.FILES)) {
            return List.of();
        }
        Engine engine = EngineFactory.create();
        int repoCol = CpgSchema.FILES_TABLE.repoIndex();
        int pathCol = CpgSchema.FILES_TABLE.pathIndex();
        List<String> paths = new ArrayList<>();
        for (Object[] row : TableRows.readAll(engine,
                TableRows.latest(engine, TablePaths.tablePath(warehouse, CpgSchema.FILES)),
                CpgSchema.FILES_TABLE)) {
            if (repo.equals(row[repoCol])) {
                paths.add((String) row[pathCol]);
            }
        }
        return paths;
    }
}
