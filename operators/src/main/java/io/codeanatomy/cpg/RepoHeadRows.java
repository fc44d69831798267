package io.codeanatomy.cpg;

import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.CommitMarker;

import java.util.List;

/**
 * The {@code repo_heads} row of a commit marker: the commit the tables hold for a repository. It is
 * owned by (repo, "") and replaced by each newer marker, so the table always has one row per repository.
 */
public final class RepoHeadRows {
    private static final TableSpec HEADS = CpgSchema.REPO_HEADS_TABLE;

    private RepoHeadRows() {
    }

    public static OwnedRows of(CommitMarker marker) {
        List<List<Object[]>> tables = OwnedRows.emptyTables(CpgSchema.TABLES.size());
        Object[] row = new Object[HEADS.width()];
        row[HEADS.repoIndex()] = marker.repo;
        row[HEADS.pathIndex()] = "";
        row[HEADS.index("commit")] = marker.commit;
        row[HEADS.index("branch")] = marker.branch;
        row[HEADS.index("version")] = marker.version;
        row[HEADS.index("commit_time")] = marker.commitTime;
        row[HEADS.index("detected_at")] = marker.detectedAt;
        tables.get(CpgSchema.TABLES.position(CpgSchema.REPO_HEADS)).add(row);
        return OwnedRows.replace(new Owner(marker.repo, ""), tables);
    }
}
