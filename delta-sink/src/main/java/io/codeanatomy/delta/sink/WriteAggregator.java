package io.codeanatomy.delta.sink;

import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableSummary;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Merges every writer's results of a checkpoint into one committable stamped with the checkpoint
 * id (runs at parallelism 1). One committable per checkpoint means one Delta transaction per table
 * per checkpoint, and the checkpoint id becomes the transaction version.
 */
final class WriteAggregator extends AbstractStreamOperator<CommittableMessage<DeltaCommittable>>
        implements OneInputStreamOperator<CommittableMessage<TableWrites>, CommittableMessage<DeltaCommittable>>,
        BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final String applicationId;
    private final SinkFaults faults;
    private transient TableWrites pending;
    private transient long lastCheckpointId;

    WriteAggregator(String applicationId, SinkFaults faults) {
        this.applicationId = applicationId;
        this.faults = faults;
    }

    @Override
    public void processElement(StreamRecord<CommittableMessage<TableWrites>> element) {
        CommittableMessage<TableWrites> message = element.getValue();
        lastCheckpointId = Math.max(lastCheckpointId, message.getCheckpointIdOrEOI());
        if (message instanceof CommittableWithLineage) {
            TableWrites writes = ((CommittableWithLineage<TableWrites>) message).getCommittable();
            pending = pending == null ? writes : pending.merge(writes);
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        emit(checkpointId);
    }

    @Override
    public void endInput() throws java.io.IOException {
        // Writers stamp their end-of-input results with the next checkpoint id; commit under it.
        emit(Math.max(lastCheckpointId, 1));
    }

    private void emit(long checkpointId) throws java.io.IOException {
        if (pending == null || pending.isEmpty()) {
            pending = null;
            return;
        }
        output.collect(new StreamRecord<>(new CommittableSummary<>(0, 1, checkpointId, 1, 0)));
        output.collect(new StreamRecord<>(new CommittableWithLineage<>(
                new DeltaCommittable(applicationId, checkpointId, pending), checkpointId, 0)));
        pending = null;
        faults.at(SinkStep.COMMITTABLE_EMITTED, checkpointId, "");
    }
}
