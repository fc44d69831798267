package io.codeanatomy.job.warehouse;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.resolve.PriorLinks;
import io.codeanatomy.resolve.XrefRows;
import io.codeanatomy.schema.CpgSchema;

import io.delta.kernel.engine.Engine;

import java.util.HashMap;
import java.util.Map;

/**
 * The linker's start from a warehouse: every {@code files} row's link summary and commit, and
 * its {@code xrefs} rows as edge id and digest by referencing file. Rows a killed run left half
 * committed are read as they are: files it left unsettled are read again by the source and bring
 * their summaries, and the linker's first link writes whatever differs from these xrefs.
 */
public final class WarehouseLinks implements PriorLinks {
    private static final long serialVersionUID = 1L;

    private final String warehouse;

    public WarehouseLinks(String warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public Held load(String repo) {
        Engine engine = EngineFactory.create();
        Map<String, String> summaries = new HashMap<>();
        Map<String, String> commits = new HashMap<>();
        Map<String, Map<String, String>> xrefs = new HashMap<>();
        if (TablePaths.exists(warehouse, CpgSchema.FILES)) {
            TableSpec files = CpgSchema.FILES_TABLE;
            int summary = files.index("link_summary");
            int commit = files.index("commit");
            TableRows.forEach(engine, TableRows.latest(engine, TablePaths.tablePath(warehouse, CpgSchema.FILES)), files, row -> {
                if (repo.equals(row[files.repoIndex()]) && row[summary] != null) {
                    summaries.put((String) row[files.pathIndex()], (String) row[summary]);
                    commits.put((String) row[files.pathIndex()], row[commit] == null ? "" : (String) row[commit]);
                }
            });
        }
        if (TablePaths.exists(warehouse, CpgSchema.XREFS)) {
            TableSpec spec = CpgSchema.XREFS_TABLE;
            TableRows.forEach(engine, TableRows.latest(engine, TablePaths.tablePath(warehouse, CpgSchema.XREFS)), spec, row -> {
                if (repo.equals(row[spec.repoIndex()])) {
                    xrefs.computeIfAbsent(XrefRows.path(row), p -> new HashMap<>()).put(XrefRows.edgeId(row), XrefRows.digest(row));
                }
            });
        }
        return new Held(summaries, commits, xrefs);
    }
}
