package io.codeanatomy.delta.sink;

/** All writes of one checkpoint, merged across writer subtasks: one Delta commit per table. */
public final class DeltaCommittable {
    private final long checkpointId;
    private final TableWrites writes;

    public DeltaCommittable(long checkpointId, TableWrites writes) {
        this.checkpointId = checkpointId;
        this.writes = writes;
    }

    public long checkpointId() {
        return checkpointId;
    }

    public TableWrites writes() {
        return writes;
    }
}
