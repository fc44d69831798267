package io.codeanatomy.delta.sink;

/**
 * All writes of one checkpoint, merged across writer subtasks: one Delta commit per table under
 * transaction id (applicationId, checkpointId). The application id travels with the committable,
 * so a job restored from a checkpoint replays it under the id it was first committed with.
 */
public final class DeltaCommittable {
    private final String applicationId;
    private final long checkpointId;
    private final TableWrites writes;

    public DeltaCommittable(String applicationId, long checkpointId, TableWrites writes) {
        this.applicationId = applicationId;
        this.checkpointId = checkpointId;
        this.writes = writes;
    }

    public String applicationId() {
        return applicationId;
    }

    public long checkpointId() {
        return checkpointId;
    }

    public TableWrites writes() {
        return writes;
    }
}
