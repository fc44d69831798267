package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.record.Owner;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The aggregator's checkpoint ids across a restore, under Flink's operator harness with real
 * operator state. The defect this pins down: after a restore, a result emitted at end of input
 * reused id 1 for different data, and the committer then refused (or skipped) it as a replay.
 */
class WriteAggregatorTest {
    private static OneInputStreamOperatorTestHarness<CommittableMessage<TableWrites>, CommittableMessage<DeltaCommittable>>
            harness() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new WriteAggregator("app", SinkFaults.NONE));
    }

    /** What one writer hands on: one owner replaced, one staged file. */
    private static CommittableMessage<TableWrites> writes(String path, long checkpointId) {
        TableWrites writes = new TableWrites(List.of(new Owner("r", path)), Map.of(),
                Map.of("t", List.of(new StagedFile("file:/t/" + path + ".parquet", 10, 0, "{}"))));
        return new CommittableWithLineage<>(writes, checkpointId, 0);
    }

    private static List<Long> emittedIds(OneInputStreamOperatorTestHarness<?, CommittableMessage<DeltaCommittable>> h) {
        List<Long> ids = new ArrayList<>();
        for (CommittableMessage<DeltaCommittable> m : h.extractOutputValues()) {
            if (m instanceof CommittableWithLineage) {
                ids.add(((CommittableWithLineage<DeltaCommittable>) m).getCommittable().checkpointId());
            }
        }
        return ids;
    }

    /**
     * Restores the way Flink's scheduler does: a task that wrote no state gets no restore at all,
     * so {@code getRestoredCheckpointId()} is empty; only a task with state is handed the
     * checkpoint (and its id). The harness alone would hand a stateless operator the id as well,
     * which hides the defect.
     */
    private static OneInputStreamOperatorTestHarness<CommittableMessage<TableWrites>, CommittableMessage<DeltaCommittable>>
            restored(OperatorSubtaskState snapshot, long checkpointId) throws Exception {
        var h = harness();
        if (snapshot.hasState()) {
            h.setRestoredCheckpointId(checkpointId);
            h.initializeState(snapshot);
        } else {
            h.initializeEmptyState();
        }
        h.open();
        return h;
    }

    @Test
    void aResultEmittedAtEndOfInputAfterARestoreNeverReusesACommittedId() throws Exception {
        OperatorSubtaskState checkpoint1;
        try (var first = harness()) {
            first.open();
            first.processElement(writes("a.py", 1), 0);
            first.prepareSnapshotPreBarrier(1);
            checkpoint1 = first.snapshot(1, 0);
            assertEquals(List.of(1L), emittedIds(first));
        }
        // Restart from checkpoint 1 (its committable id 1 may be committed already); the input then
        // ends before another checkpoint, so the last results go out at end of input.
        try (var second = restored(checkpoint1, 1)) {
            second.processElement(writes("b.py", 2), 0);
            second.endInput();
            List<Long> ids = emittedIds(second);
            assertEquals(1, ids.size());
            assertTrue(ids.get(0) > 1, "end-of-input id after restoring checkpoint 1 must be above 1, was " + ids);
        }
    }

    @Test
    void idsOnlyGrowAcrossCheckpointsRestoresAndEndOfInput() throws Exception {
        OperatorSubtaskState checkpoint3;
        try (var first = harness()) {
            first.open();
            first.processElement(writes("a.py", 1), 0);
            first.prepareSnapshotPreBarrier(1);
            first.snapshot(1, 0);
            first.prepareSnapshotPreBarrier(2); // nothing pending: nothing emitted, id 2 unused
            first.snapshot(2, 0);
            first.processElement(writes("b.py", 3), 0);
            first.prepareSnapshotPreBarrier(3);
            checkpoint3 = first.snapshot(3, 0);
            assertEquals(List.of(1L, 3L), emittedIds(first));
        }
        try (var second = restored(checkpoint3, 3)) {
            second.processElement(writes("c.py", 4), 0);
            second.endInput();
            second.prepareSnapshotPreBarrier(4); // the final checkpoint after end of input: nothing left
            List<Long> ids = emittedIds(second);
            assertEquals(1, ids.size(), "one committable for c.py: " + ids);
            assertTrue(ids.get(0) > 3, "above every id emitted before the restore: " + ids);
        }
    }
}
