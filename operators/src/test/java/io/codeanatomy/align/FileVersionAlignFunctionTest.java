package io.codeanatomy.align;

import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.evidence.FileEvidence;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.extract.FileHeaderFunction;
import io.codeanatomy.extract.cpython.CPythonFacts;
import io.codeanatomy.extract.cpython.CPythonFactsCodec;
import io.codeanatomy.extract.cpython.CPythonHelper;
import io.codeanatomy.extract.cpython.InstalledPython;
import io.codeanatomy.extract.CstLayer;
import io.codeanatomy.source.FileChange;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The keyed align operator in a Flink operator harness (real keyed state, timers and snapshots),
 * fed the real layers' evidence: tree-sitter extraction and CPython's answers for real code.
 */
class FileVersionAlignFunctionTest {
    private static final long TIMEOUT_MS = 60_000;
    private static final String V0 = "import os\n\n\ndef size(path):\n    return os.path.getsize(path)\n";
    private static final String V1 = "import os\n\n\nclass Sizes:\n    def of(self, path):\n        return os.stat(path).st_size\n";
    private static CPythonHelper python;

    @BeforeAll
    static void startPython() {
        python = CPythonHelper.withDefaults();
    }

    @AfterAll
    static void stopPython() {
        python.close();
    }

    @Test
    void fusesOnceEveryLayerHasArrivedWhateverTheOrder() throws Exception {
        InstalledPython.require(python);
        List<String> cstFirst;
        try (Harness h = new Harness()) {
            h.send(cst("a.py", V0, 0));
            assertEquals(0, h.output().size(), "waits for the CPython layer");
            h.send(cpython("a.py", V0, 0));
            assertEquals(1, h.output().size());
            cstFirst = rows(h.output().get(0));
        }
        try (Harness h = new Harness()) {
            h.send(cpython("a.py", V0, 0));
            h.send(cst("a.py", V0, 0));
            assertEquals(cstFirst, rows(h.output().get(0)), "arrival order does not change the rows");
        }
        assertTrue(cstFirst.stream().anyMatch(r -> r.contains("ast_type") && r.contains("FunctionDef")),
                "CPython's ast types are fused into the CST nodes");
        assertTrue(cstFirst.stream().anyMatch(r -> r.contains("ENCLOSED_BY")));
    }

    @Test
    void aVersionMissingALayerIsFusedAtTheTimeoutAndTheLateLayerIsDropped() throws Exception {
        try (Harness h = new Harness()) {
            h.send(cst("a.py", V0, 0));
            h.harness.setProcessingTime(TIMEOUT_MS - 1);
            assertEquals(0, h.output().size());
            h.harness.setProcessingTime(TIMEOUT_MS);
            assertEquals(1, h.output().size());
            assertTrue(rows(h.output().get(0)).stream().anyMatch(r -> r.contains("layer_timeout")),
                    "the missing layer is named in extract_errors");
            h.send(cpython("a.py", V0, 0));
            h.harness.setProcessingTime(3 * TIMEOUT_MS);
            assertEquals(1, h.output().size(), "a late layer of a fused version is dropped");
            assertEquals(0, pendingVersions(h), "no version left waiting");
        }
    }

    @Test
    void aNewerVersionEvictsAnOlderOneStillWaiting() throws Exception {
        InstalledPython.require(python);
        try (Harness h = new Harness()) {
            h.send(cst("a.py", V0, 0));
            h.send(cst("a.py", V1, 1));
            h.send(cpython("a.py", V0, 0)); // stale: version 0 was evicted
            assertEquals(0, h.output().size());
            h.send(cpython("a.py", V1, 1));
            assertEquals(1, h.output().size());
            List<String> rows = rows(h.output().get(0));
            assertTrue(rows.stream().anyMatch(r -> r.contains("CLASS") && r.contains("Sizes")), "version 1's rows");
            assertTrue(rows.stream().noneMatch(r -> r.contains("FUNCTION") && r.contains(", size,")), "nothing of version 0");
            h.harness.setProcessingTime(10 * TIMEOUT_MS);
            assertEquals(1, h.output().size(), "the evicted version's timer does not fire");
        }
    }

    @Test
    void pendingEvidenceAndItsTimerSurviveARestore() throws Exception {
        InstalledPython.require(python);
        OperatorSubtaskState snapshot;
        List<String> expected;
        try (Harness h = new Harness()) {
            h.send(cst("a.py", V0, 0));
            h.send(cst("b.py", V1, 0));
            snapshot = h.harness.snapshot(1, 1);
        }
        try (Harness h = new Harness()) {
            h.send(cst("a.py", V0, 0));
            h.send(cpython("a.py", V0, 0));
            expected = rows(h.output().get(0));
        }
        try (Harness restored = new Harness(snapshot)) {
            restored.send(cpython("a.py", V0, 0));
            assertEquals(1, restored.output().size());
            assertEquals(expected, rows(restored.output().get(0)), "same rows as without the restore");
            restored.harness.setProcessingTime(TIMEOUT_MS);
            assertEquals(2, restored.output().size(), "b.py's restored timer fires");
            assertEquals("b.py", restored.output().get(1).owner().path());
        }
    }

    @Test
    void aDeleteIsAVersionToo() throws Exception {
        try (Harness h = new Harness()) {
            FileChange delete = FileChange.delete("repo", "a.py", "c1", "python");
            delete.version = 1;
            h.send(new FileHeaderFunction().map(delete));
            h.send(new FileEvidence("repo", "a.py", null, 1, EvidenceLayer.CPYTHON, CPythonFactsCodec.encode(
                    CPythonFacts.failed(CPythonFacts.Status.NOT_APPLICABLE, "no content"))));
            assertEquals(1, h.output().size());
            assertEquals(OwnedRows.Op.DELETE, h.output().get(0).op());
        }
    }

    @Test
    void aDeletedPathLeavesNoStateBehindAndALateLayerOfItIsDropped() throws Exception {
        InstalledPython.require(python);
        try (Harness h = new Harness()) {
            for (int i = 0; i < 5; i++) {
                String path = "f" + i + ".py";
                h.send(cst(path, V0, 0));
                h.send(cpython(path, V0, 0));
            }
            assertEquals(5, h.harness.numKeyedStateEntries(), "one emitted-version marker per live file");
            for (int i = 0; i < 5; i++) {
                FileChange delete = FileChange.delete("repo", "f" + i + ".py", "c1", "python");
                delete.version = 1;
                h.send(new FileHeaderFunction().map(delete));
            }
            assertEquals(10, h.output().size());
            assertEquals(0, h.harness.numKeyedStateEntries(), "deleted paths are forgotten");
            h.send(cpython("f0.py", V0, 0)); // a late layer of a version before the delete
            h.harness.setProcessingTime(2 * TIMEOUT_MS);
            assertEquals(10, h.output().size(), "the late layer makes no rows");
            assertEquals(0, h.harness.numKeyedStateEntries(), "and leaves nothing behind");
        }
    }

    @Test
    void aFileWhoseCstLayerMissesTheTimeoutStillGetsItsFilesRowAndAnErrorNamingTheLayer() throws Exception {
        try (Harness h = new Harness()) {
            h.send(new FileHeaderFunction().map(change("slow.py", V0, 0)));
            h.harness.setProcessingTime(TIMEOUT_MS);
            assertEquals(1, h.output().size(), "emitted at the timeout, not dropped");
            List<String> rows = rows(h.output().get(0));
            assertTrue(rows.stream().anyMatch(r -> r.startsWith("files[") && r.contains("layer_timeout")), rows.toString());
            assertTrue(rows.stream().anyMatch(r -> r.startsWith("extract_errors[") && r.contains("cst")
                    && r.contains("layer_timeout")), "the error row names the layer");
            assertEquals(0, pendingVersions(h), "nothing left waiting");
        }
    }

    private static int pendingVersions(Harness h) {
        return h.harness.numKeyedStateEntries() - 1; // the other entry is the emitted-version marker
    }

    /** The file's header and its CST layer's evidence: what the source side sends for a version. */
    private static FileEvidence[] cst(String path, String text, long version) {
        FileChange change = change(path, text, version);
        try (CstLayer layer = new CstLayer(true)) {
            return new FileEvidence[] {new FileHeaderFunction().map(change), layer.evidence(change)};
        }
    }

    private static FileEvidence cpython(String path, String text, long version) {
        FileChange change = change(path, text, version);
        return new FileEvidence(change.repo, path, change.blobId, version, EvidenceLayer.CPYTHON,
                CPythonFactsCodec.encode(python.facts(path, change.content)));
    }

    private static FileChange change(String path, String text, long version) {
        FileChange c = FileChange.add("repo", path, "c" + version, "python", text.length());
        c.content = text.getBytes(StandardCharsets.UTF_8);
        c.blobId = Integer.toHexString(text.hashCode());
        c.version = version;
        return c;
    }

    private static List<String> rows(OwnedRows rows) {
        return AlignHarness.rows(rows);
    }

    /** The operator under test, with the timeout of these tests. */
    private static final class Harness extends AlignHarness {
        Harness() throws Exception {
            this(null);
        }

        Harness(OperatorSubtaskState restoreFrom) throws Exception {
            super(TIMEOUT_MS, 0, restoreFrom);
        }
    }
}
