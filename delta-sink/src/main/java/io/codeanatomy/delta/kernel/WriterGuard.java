package io.codeanatomy.delta.kernel;

import com.fasterxml.jackson.databind.JsonNode;


import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Detects a second job writing a table this committer writes. Delta Kernel only catches
 * delete-vs-delete conflicts, so two writers replacing the same owners would silently mix rows;
 * instead, before each commit, every version written since this committer's last commit is read
 * from the log, and any that is not a CodeAnatomy maintenance commit fails the job loudly.
 * Detection starts with the committer's first commit to the table.
 */
public final class WriterGuard {
    private final String tablePath;
    private final String applicationId;
    private long lastVersion = -1;

    public WriterGuard(String tablePath, String applicationId) {
        this.tablePath = tablePath;
        this.applicationId = applicationId;
    }

    void check(long currentVersion) {
        if (lastVersion < 0 || currentVersion <= lastVersion) {
            return;
        }
        for (long v = lastVersion + 1; v <= currentVersion; v++) {
            String writer = writerOf(v);
            if (writer != null) {
                throw new ConcurrentWriterException("Delta table " + tablePath + " was written at version " + v
                        + " by " + writer + " while this job (" + applicationId + ") is writing it. Only one job may "
                        + "write a warehouse; stop the other job. The table itself is consistent.");
            }
        }
    }

    void committed(long version) {
        lastVersion = version;
    }

    /** Who wrote a version, or null when it was this application or CodeAnatomy maintenance. */
    private String writerOf(long version) {
        String engineInfo = null;
        String appId = null;
        try {
            for (JsonNode action : CommitFiles.actions(tablePath, version)) {
                if (action.has("commitInfo")) {
                    engineInfo = action.get("commitInfo").path("engineInfo").asText(null);
                }
                if (action.has("txn")) {
                    appId = action.get("txn").path("appId").asText(null);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read commit " + version + " of " + tablePath, e);
        }
        if (applicationId.equals(appId)) {
            return null;
        }
        if (engineInfo != null && engineInfo.contains(TableCreator.MAINTENANCE_ENGINE_INFO)) {
            return null;
        }
        return appId != null ? "application " + appId : "engine " + engineInfo;
    }
}
