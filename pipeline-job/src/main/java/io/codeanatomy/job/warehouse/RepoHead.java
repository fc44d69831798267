package io.codeanatomy.job.warehouse;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.schema.CpgSchema;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

import java.util.Optional;

/** The commit the warehouse holds for a repository (its {@code repo_heads} row) and how many commits it has indexed. */
public final class RepoHead {
    public final String commit;
    public final long version;
    public final long commitTime;
    public final long detectedAt;

    private RepoHead(String commit, long version, long commitTime, long detectedAt) {
        this.commit = commit;
        this.version = version;
        this.commitTime = commitTime;
        this.detectedAt = detectedAt;
    }

    /** The latest head the warehouse holds for {@code repo}, if any. */
    public static Optional<RepoHead> of(String warehouse, String repo) {
        return of(EngineFactory.create(), warehouse, repo);
    }

    public static Optional<RepoHead> of(Engine engine, String warehouse, String repo) {
        if (!TablePaths.exists(warehouse, CpgSchema.REPO_HEADS)) {
            return Optional.empty();
        }
        TableSpec heads = CpgSchema.REPO_HEADS_TABLE;
        for (Object[] row : TableRows.readAll(engine,
                TableManager.loadSnapshot(TablePaths.tablePath(warehouse, CpgSchema.REPO_HEADS)).build(engine), heads)) {
            if (repo.equals(row[heads.repoIndex()])) {
                return Optional.of(new RepoHead((String) row[heads.index("commit")], (Long) row[heads.index("version")],
                        (Long) row[heads.index("commit_time")], (Long) row[heads.index("detected_at")]));
            }
        }
        return Optional.empty();
    }
}
