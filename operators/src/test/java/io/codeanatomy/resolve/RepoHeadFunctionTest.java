package io.codeanatomy.resolve;

import io.codeanatomy.align.FileVersionDone;
import io.codeanatomy.cpg.PythonFileRows;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.CommitMarker;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The commit marker waits for its files: repo_heads moves only when every file change of the commit is out. */
class RepoHeadFunctionTest {
    private static final int HEADS = CpgSchema.TABLES.position(CpgSchema.REPO_HEADS);
    private static final int XREFS = CpgSchema.TABLES.position(CpgSchema.XREFS);
    private static KeyedTwoInputStreamOperatorTestHarness<String, CommitMarker, FileVersionDone, OwnedRows> harness(
            OperatorSubtaskState restore) throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new RepoHeadFunction()),
                (CommitMarker m) -> m.repo, (FileVersionDone d) -> d.repo, Types.STRING);
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        return h;
    }

    private static CommitMarker marker(String commit, long version, int files) {
        return new CommitMarker("r", "main", commit, version, 0, 0, version, files);
    }

    private static List<String> heads(List<OwnedRows> out) {
        int commit = CpgSchema.REPO_HEADS_TABLE.index("commit");
        return out.stream().filter(r -> !r.rows(HEADS).isEmpty()).map(r -> (String) r.rows(HEADS).get(0)[commit]).toList();
    }

    @Test
    void theHeadWaitsForEveryFileOfItsCommitInAnyOrderAndAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(null)) {
            h.processElement2(new FileVersionDone("r", 1), 0); // a file may be out before its marker arrives
            h.processElement1(marker("c1", 1, 3), 0);
            assertEquals(List.of(), heads(h.extractOutputValues()), "two of c1's files are not out yet");
            h.processElement2(new FileVersionDone("r", 1), 0);
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(snapshot)) {
            assertEquals(List.of(), heads(h.extractOutputValues()));
            h.processElement2(new FileVersionDone("r", 1), 0);
            assertEquals(List.of("c1"), heads(h.extractOutputValues()), "the last file of c1 releases its head");
            h.processElement1(marker("c1", 1, 3), 0);
            assertEquals(List.of("c1"), heads(h.extractOutputValues()), "a replayed marker is dropped");
        }
    }

    @Test
    void aCommitWhoseFileWasSupersededGivesWayToTheNextCommitAndStateEmpties() throws Exception {
        try (var h = harness(null)) {
            h.processElement1(marker("c1", 1, 2), 0);
            h.processElement2(new FileVersionDone("r", 1), 0); // c1's other file was evicted by c2's version of it
            h.processElement1(marker("c2", 2, 1), 0);
            h.processElement2(new FileVersionDone("r", 2), 0);
            assertEquals(List.of("c2"), heads(h.extractOutputValues()));
            h.processElement2(new FileVersionDone("r", 1), 0); // late: c1 is given up
            assertEquals(List.of("c2"), heads(h.extractOutputValues()));
            assertEquals(4, h.numKeyedStateEntries(), "only the written versions (and the linker's two flags) remain");
        }
    }

    @Test
    void aCommitWithoutFilesIsTheHeadAtOnce() throws Exception {
        try (var h = harness(null)) {
            h.processElement1(marker("empty", 1, 0), 0);
            assertEquals(List.of("empty"), heads(h.extractOutputValues()));
        }
    }

    @Test
    void aCommitsCrossFileEdgesGoOutBeforeItsHeadAndOnlyTheirChangesAfterwards() throws Exception {
        try (var h = harness(null); PythonFileRows writer = new PythonFileRows()) {
            h.processElement1(marker("c1", 1, 2), 0);
            h.processElement2(done(writer, 1, "lib.py", "def f():\n    pass\n"), 0);
            h.processElement2(done(writer, 1, "app.py", "from lib import f\nimport json\n"), 0);
            List<OwnedRows> out = h.extractOutputValues();
            assertEquals(2, out.size());
            assertEquals(OwnedRows.Op.UPSERT, out.get(0).op());
            assertEquals("app.py", out.get(0).owner().path());
            assertEquals(4, out.get(0).rows(XREFS).size(), "IMPORTS and RESOLVES_TO of both imports");
            assertEquals(List.of("c1"), heads(out.subList(1, 2)), "the head after the edges");

            // lib.py loses f: app.py's RESOLVES_TO changes target (a new edge id), the old one is deleted.
            h.processElement1(marker("c2", 2, 1), 0);
            h.processElement2(done(writer, 2, "lib.py", "def g():\n    pass\n"), 0);
            List<OwnedRows> next = h.extractOutputValues().subList(2, h.extractOutputValues().size());
            assertEquals(2, next.size());
            assertEquals(1, next.get(0).rows(XREFS).size());
            assertEquals("lib.f UNRESOLVED", next.get(0).rows(XREFS).get(0)[CpgSchema.XREFS_TABLE.index("target")] + " "
                    + next.get(0).rows(XREFS).get(0)[CpgSchema.XREFS_TABLE.index("target_kind")]);
            assertEquals(1, next.get(0).deletedKeys(XREFS).size());

            // A commit that changes no summary (nor the commit of a file with edges) writes no edges.
            h.processElement1(marker("c3", 3, 1), 0);
            h.processElement2(done(writer, 3, "lib.py", "def g():\n    pass\n"), 0);
            List<OwnedRows> last = h.extractOutputValues().subList(4, h.extractOutputValues().size());
            assertEquals(List.of("c3"), heads(last));
            assertEquals(1, last.size());
        }
    }

    @Test
    void aLateFileOfACommitGivenUpStillGetsItsCrossFileEdges() throws Exception {
        try (var h = harness(null); PythonFileRows writer = new PythonFileRows()) {
            h.processElement1(marker("c1", 1, 2), 0);
            h.processElement1(marker("c2", 2, 1), 0);
            h.processElement2(done(writer, 2, "lib.py", "def f():\n    pass\n"), 0); // c1's other file was evicted
            assertEquals(List.of("c2"), heads(h.extractOutputValues()));
            // c1's slow file arrives after c2 is the head: no head waits for it, its edges go out at once.
            h.processElement2(done(writer, 1, "app.py", "from lib import f\n"), 0);
            List<OwnedRows> late = h.extractOutputValues().subList(1, h.extractOutputValues().size());
            assertEquals(1, late.size());
            assertEquals("app.py", late.get(0).owner().path());
            assertEquals(2, late.get(0).rows(XREFS).size(), "its IMPORTS and RESOLVES_TO");
            assertEquals(List.of(), heads(late));
        }
    }

    private static FileVersionDone done(PythonFileRows writer, long version, String path, String source) {
        OwnedRows rows = writer.rows(path, source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new FileVersionDone("r", version, path, false, (String) PythonFileRows.fileColumn(rows, "link_summary"),
                "c" + version);
    }
}
