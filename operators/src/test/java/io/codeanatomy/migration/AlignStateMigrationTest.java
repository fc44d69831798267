package io.codeanatomy.migration;

import io.codeanatomy.align.AlignHarness;
import io.codeanatomy.evidence.FileEvidence;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.evidence.EvidenceFormat;
import io.codeanatomy.extract.CstLayer;
import io.codeanatomy.extract.FileHeaderFunction;
import io.codeanatomy.extract.cpython.CPythonHelper;
import io.codeanatomy.extract.cpython.InstalledPython;
import io.codeanatomy.source.FileChange;

import org.apache.flink.FlinkVersion;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.apache.flink.test.util.MigrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.codeanatomy.migration.AlignStateSnapshots.DONE;
import static io.codeanatomy.migration.AlignStateSnapshots.LATE;
import static io.codeanatomy.migration.AlignStateSnapshots.PENDING;
import static io.codeanatomy.migration.AlignStateSnapshots.SNAPSHOT_TIME;
import static io.codeanatomy.migration.AlignStateSnapshots.TIMEOUT_MS;
import static io.codeanatomy.migration.AlignStateSnapshots.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flink's migration-test approach for the align operator: keyed state checkpointed by earlier builds
 * (committed snapshots, one per evidence format) is restored by this build, and the evidence still
 * waiting in it is fused into exactly the rows this build makes from scratch. Format 1 is the build
 * before versioned evidence: its pending CST evidence carried the whole file, and HEADER did not exist.
 * New snapshots: {@link #writeSnapshot} (or {@code AlignStateSnapshots.main}) once per format change.
 */
class AlignStateMigrationTest implements MigrationTest {
    private static CPythonHelper python;

    @BeforeAll
    static void startPython() {
        python = CPythonHelper.withDefaults();
    }

    @AfterAll
    static void stopPython() {
        python.close();
    }

    @SnapshotsGenerator
    public void writeSnapshot(FlinkVersion version) throws Exception {
        AlignStateSnapshots.main(new String[0]);
    }

    @ParameterizedTest(name = "evidence format {0}")
    @ValueSource(ints = {1, 2})
    void stateOfAnEarlierFormatIsRestoredAndFusedIntoTodaysRows(int format) throws Exception {
        InstalledPython.require(python);
        assertTrue(format <= EvidenceFormat.CST.current());
        OperatorSubtaskState state = OperatorSnapshotUtil.readStateHandle(SourceStateSnapshots.DIR
                .resolve("align-state-evidence-v" + format + ".snapshot").toString());
        FileChange pending = change("pending.py", PENDING, 1);
        FileChange late = change("late.py", LATE, 1);
        FileChange done = change("done.py", DONE, 1);
        try (Harness restored = new Harness(state)) {
            restored.send(AlignStateSnapshots.cpython(python, pending));
            assertEquals(1, restored.output().size(), "pending.py had its CST layer in state and now its CPython layer");
            assertFusedFromRestoredEvidence(fresh(pending), rows(restored.output().get(0)));

            restored.send(new FileHeaderFunction().map(late), cst(late));
            assertEquals(2, restored.output().size(), "late.py had its CPython layer in state and now the rest");
            assertEquals(fresh(late), rows(restored.output().get(1)), "late.py: the rows of a run without restore");

            restored.send(new FileHeaderFunction().map(done), cst(done));
            assertEquals(2, restored.output().size(), "done.py's version 1 was fused before the snapshot: a replay is stale");

            restored.harness.setProcessingTime(SNAPSHOT_TIME + TIMEOUT_MS);
            if (format == 1) {
                assertEquals(3, restored.output().size(), "format 1's pending delete is emitted at its restored deadline");
                OwnedRows delete = restored.output().get(2);
                assertEquals(OwnedRows.Op.DELETE, delete.op());
                assertEquals("deleted.py", delete.owner().path());
            } else {
                assertEquals(2, restored.output().size(), "nothing else was waiting");
            }
            assertEquals(3, restored.harness.numKeyedStateEntries(),
                    "only the emitted-version markers of the three live files remain (a delete forgets its path)");
        }
    }

    /**
     * pending.py's CST layer comes out of the state as the snapshot's build extracted it. Its nodes,
     * edges and symbols are this build's; its props are this build's but for those a later extractor
     * added (a FUNCTION's inferred return, value_call, in this one), and its files row's link summary
     * is made from them. An extractor change does not re-extract evidence in flight at an upgrade
     * (docs/decisions.md).
     */
    private static void assertFusedFromRestoredEvidence(List<String> fresh, List<String> restored) {
        for (String table : List.of("cpg_nodes[", "cpg_edges[", "symbols[")) {
            assertEquals(fresh.stream().filter(r -> r.startsWith(table)).toList(),
                    restored.stream().filter(r -> r.startsWith(table)).toList(), "pending.py: " + table + "] of a run without restore");
        }
        List<String> props = restored.stream().filter(r -> r.startsWith("cpg_props[")).toList();
        assertTrue(fresh.containsAll(props), "pending.py: every restored prop is one a run without restore makes: " + props);
        assertEquals(1, restored.stream().filter(r -> r.startsWith("files[")).count(), "pending.py: its files row");
    }

    private static FileEvidence cst(FileChange change) {
        try (CstLayer layer = new CstLayer(true)) {
            return layer.evidence(change);
        }
    }

    /** The rows this build makes of a file version from scratch. */
    private static List<String> fresh(FileChange change) throws Exception {
        try (Harness h = new Harness(null)) {
            h.send(new FileHeaderFunction().map(change), cst(change), AlignStateSnapshots.cpython(python, change));
            assertEquals(1, h.output().size());
            return rows(h.output().get(0));
        }
    }

    private static List<String> rows(OwnedRows rows) {
        return AlignHarness.rows(rows);
    }

    private static final class Harness extends AlignHarness {
        Harness(OperatorSubtaskState restoreFrom) throws Exception {
            super(TIMEOUT_MS, SNAPSHOT_TIME, restoreFrom);
        }
    }
}
