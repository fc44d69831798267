package io.codeanatomy.delta.sink;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableSummary;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.io.IOException;
import java.util.List;

/**
 * Merges every writer's results of a checkpoint into one committable stamped with the checkpoint
 * id (runs at parallelism 1). One committable per checkpoint means one Delta transaction per table
 * per checkpoint, and the checkpoint id becomes the transaction version.
 *
 * <p>Ids only grow, starting above the restored checkpoint: an id at or below one already
 * committed would be skipped as a replay and its data lost. The last id emitted is kept in operator
 * state too: Flink gives a task with no state no restored checkpoint id, and then an end-of-input
 * result would reuse id 1 after a restore. (Writers stamp end-of-input results
 * with their last checkpoint + 1, which can repeat an id another writer used; their ids are not used.)
 */
final class WriteAggregator extends AbstractStreamOperator<CommittableMessage<DeltaCommittable>>
        implements OneInputStreamOperator<CommittableMessage<TableWrites>, CommittableMessage<DeltaCommittable>>,
        BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final String applicationId;
    private final SinkFaults faults;
    private transient TableWrites pending;
    private transient long lastEmitted;
    private transient ListState<Long> lastEmittedState;

    WriteAggregator(String applicationId, SinkFaults faults) {
        this.applicationId = applicationId;
        this.faults = faults;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        lastEmittedState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("last-emitted-checkpoint", Types.LONG));
        lastEmitted = context.getRestoredCheckpointId().orElse(0);
        for (Long id : lastEmittedState.get()) {
            lastEmitted = Math.max(lastEmitted, id);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        lastEmittedState.update(List.of(Math.max(lastEmitted, context.getCheckpointId())));
    }

    @Override
    public void processElement(StreamRecord<CommittableMessage<TableWrites>> element) {
        CommittableMessage<TableWrites> message = element.getValue();
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
    public void endInput() throws IOException {
        // Nothing may be emitted after the input ends (FLIP-147), so the last results go now, under
        // a fresh id: the committer commits them with the final checkpoint, or at its own end of
        // input when checkpointing is off.
        emit(lastEmitted + 1);
    }

    private void emit(long checkpointId) throws IOException {
        if (pending == null || pending.isEmpty()) {
            pending = null;
            return;
        }
        long id = Math.max(checkpointId, lastEmitted + 1);
        output.collect(new StreamRecord<>(new CommittableSummary<>(0, 1, id, 1, 0)));
        output.collect(new StreamRecord<>(new CommittableWithLineage<>(
                new DeltaCommittable(applicationId, id, pending), id, 0)));
        pending = null;
        lastEmitted = id;
        faults.at(SinkStep.COMMITTABLE_EMITTED, id, "");
    }
}
