package io.codeanatomy.sql.catalog;

import io.codeanatomy.delta.sink.CommitLog;

import io.delta.kernel.engine.Engine;

import org.apache.flink.table.api.ValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which committed checkpoint a statement reads: every table at the version that checkpoint recorded
 * in {@code commits}, so that no statement sees one table at checkpoint N and another at N-1. A
 * warehouse without {@code commits} has no checkpoints; its tables are read at their latest versions.
 */
public final class WarehousePins {
    /** The session setting that pins every table of a statement to one checkpoint ({@code N} or {@code APPLICATION_ID:N}). */
    public static final String CHECKPOINT_SETTING = "codeanatomy.checkpoint";

    private WarehousePins() {
    }

    /** The newest committed checkpoint, if any. */
    public static Optional<CommitLog.Checkpoint> latest(Engine engine, String warehouse) {
        List<CommitLog.Checkpoint> all = CommitLog.checkpoints(engine, warehouse);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The newest checkpoint committed at or before {@code epochMillis}; an error naming the time if there is none. */
    public static CommitLog.Checkpoint at(Engine engine, String warehouse, long epochMillis) {
        CommitLog.Checkpoint found = null;
        for (CommitLog.Checkpoint c : CommitLog.checkpoints(engine, warehouse)) {
            if (c.committedAt <= epochMillis) {
                found = c;
            }
        }
        if (found == null) {
            throw new ValidationException("FOR SYSTEM_TIME AS OF " + java.time.Instant.ofEpochMilli(epochMillis)
                    + ": the warehouse " + warehouse + " has no checkpoint committed at or before that time");
        }
        return found;
    }

    /** The checkpoint a {@value #CHECKPOINT_SETTING} value names; an error naming the setting if none or several match. */
    public static CommitLog.Checkpoint named(Engine engine, String warehouse, String value) {
        String app = null;
        String id = value.trim();
        int colon = id.lastIndexOf(':');
        if (colon >= 0) {
            app = id.substring(0, colon);
            id = id.substring(colon + 1);
        }
        long checkpointId;
        try {
            checkpointId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ValidationException("'" + CHECKPOINT_SETTING + "' = '" + value + "': expected a checkpoint id N or APPLICATION_ID:N");
        }
        List<CommitLog.Checkpoint> matches = new ArrayList<>();
        for (CommitLog.Checkpoint c : CommitLog.checkpoints(engine, warehouse)) {
            if (c.checkpointId == checkpointId && (app == null || app.equals(c.applicationId))) {
                matches.add(c);
            }
        }
        if (matches.isEmpty()) {
            throw new ValidationException("'" + CHECKPOINT_SETTING + "' = '" + value + "': no such checkpoint in "
                    + warehouse + " (SELECT * FROM checkpoints lists them)");
        }
        if (matches.size() > 1) {
            throw new ValidationException("'" + CHECKPOINT_SETTING + "' = '" + value + "': several applications committed checkpoint "
                    + checkpointId + "; name one as APPLICATION_ID:" + checkpointId);
        }
        return matches.get(0);
    }
}
