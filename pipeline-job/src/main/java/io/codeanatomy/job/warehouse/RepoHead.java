package io.codeanatomy.job.warehouse;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.delta.sink.CommitLog;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.sql.catalog.WarehousePins;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The commit the warehouse holds for a repository (its {@code repo_heads} row) and how many commits it
 * has indexed. The warehouse is its URI (or a local path), as {@link TablePaths} takes it.
 */
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
        return read(engine, TableRows.latest(engine, TablePaths.tablePath(warehouse, CpgSchema.REPO_HEADS)), repo);
    }

    /**
     * The head a query sees: {@code repo_heads} at the version the newest committed checkpoint recorded in
     * {@code commits}, as the SQL catalog pins every table of a statement. The sink appends the
     * {@code commits} row after {@code repo_heads}, so {@link #of} can hold a head for a moment before a
     * statement reads its tables. The checkpoint is the catalog's own ({@link WarehousePins#latest});
     * a warehouse without {@code commits} is read at its latest versions.
     */
    public static Optional<RepoHead> visible(Engine engine, String warehouse, String repo) {
        Optional<CommitLog.Checkpoint> pin = WarehousePins.latest(engine, warehouse);
        if (pin.isEmpty()) {
            return of(engine, warehouse, repo);
        }
        Long version = pin.get().versions.get(CpgSchema.REPO_HEADS);
        return version == null ? Optional.empty() : readAt(engine, warehouse, version, repo);
    }

    /**
     * Which commit of {@code repo} each committed checkpoint made visible, oldest first: the
     * provenance of every table version, from the sink's record of checkpoints ({@code commits})
     * and repo_heads read at the version each checkpoint wrote.
     */
    public static List<String> commitsByCheckpoint(Engine engine, String warehouse, String repo) {
        List<String> out = new ArrayList<>();
        for (CommitLog.Checkpoint c : CommitLog.checkpoints(engine, warehouse)) {
            Long version = c.versions.get(CpgSchema.REPO_HEADS);
            if (version != null) {
                readAt(engine, warehouse, version, repo)
                        .ifPresent(h -> out.add(c.applicationId + "/" + c.checkpointId + " " + h.commit));
            }
        }
        return out;
    }

    private static Optional<RepoHead> readAt(Engine engine, String warehouse, long version, String repo) {
        return read(engine, TableManager.loadSnapshot(TablePaths.tablePath(warehouse, CpgSchema.REPO_HEADS))
                .atVersion(version).build(engine), repo);
    }

    private static Optional<RepoHead> read(Engine engine, io.delta.kernel.Snapshot snapshot, String repo) {
        TableSpec heads = CpgSchema.REPO_HEADS_TABLE;
        for (Object[] row : TableRows.readAll(engine, snapshot, heads)) {
            if (repo.equals(row[heads.repoIndex()])) {
                return Optional.of(new RepoHead((String) row[heads.index("commit")], (Long) row[heads.index("version")],
                        (Long) row[heads.index("commit_time")], (Long) row[heads.index("detected_at")]));
            }
        }
        return Optional.empty();
    }
}
