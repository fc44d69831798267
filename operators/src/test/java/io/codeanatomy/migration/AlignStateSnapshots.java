package io.codeanatomy.migration;

import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.evidence.FileEvidence;
import io.codeanatomy.align.FileVersionAlignFunction;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.evidence.EvidenceFormat;
import io.codeanatomy.extract.CstLayer;
import io.codeanatomy.extract.FileHeaderFunction;
import io.codeanatomy.extract.cpython.CPythonFactsCodec;
import io.codeanatomy.extract.cpython.CPythonHelper;
import io.codeanatomy.lang.LanguageFrontends;
import io.codeanatomy.source.FileChange;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;

/**
 * Writes the align operator's keyed state as this build checkpoints it, for {@code AlignStateMigrationTest}:
 * a file whose CPython layer is still to come, a file whose CST layer is still to come, and a file
 * already fused (its emitted-version marker), at processing time {@link #SNAPSHOT_TIME}. Each build
 * that changes the evidence format writes {@code align-state-evidence-v<CST format>.snapshot} once and
 * commits it next to the older ones; {@code align-state-evidence-v1.snapshot} was written by the build
 * before evidence had versions (it also holds a pending delete, and its files carried their content
 * inside the CST evidence).
 */
final class AlignStateSnapshots {
    static final long TIMEOUT_MS = 60_000;
    static final long SNAPSHOT_TIME = 1_000;
    static final String PENDING = "import os\n\n\ndef size(path):\n    return os.path.getsize(path)\n";
    static final String LATE = "class Sizes:\n    def of(self, path):\n        return len(path)\n";
    static final String DONE = "x = 1\n";

    private AlignStateSnapshots() {
    }

    static FileChange change(String path, String text, long version) {
        FileChange c = FileChange.add("repo", path, "c" + version, "python", text.length());
        c.content = text.getBytes(StandardCharsets.UTF_8);
        c.blobId = Integer.toHexString(text.hashCode());
        c.version = version;
        return c;
    }

    static FileEvidence cpython(CPythonHelper python, FileChange change) {
        return new FileEvidence(change.repo, change.path, change.blobId, change.version, EvidenceLayer.CPYTHON,
                CPythonFactsCodec.encode(python.facts(change.path, change.content)));
    }

    public static void main(String[] args) throws Exception {
        FileVersionAlignFunction fn = new FileVersionAlignFunction(LanguageFrontends.all(),
                EnumSet.of(EvidenceLayer.CST, EvidenceLayer.CPYTHON), Duration.ofMillis(TIMEOUT_MS));
        try (CPythonHelper python = CPythonHelper.withDefaults();
             CstLayer cst = new CstLayer(true);
             KeyedOneInputStreamOperatorTestHarness<String, FileEvidence, OwnedRows> h =
                     new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), FileEvidence::fileKey,
                             Types.STRING)) {
            h.setProcessingTime(SNAPSHOT_TIME);
            h.open();
            FileHeaderFunction headers = new FileHeaderFunction();
            FileChange pending = change("pending.py", PENDING, 1);
            h.processElement(headers.map(pending), 0);
            h.processElement(cst.evidence(pending), 0);
            FileChange late = change("late.py", LATE, 1);
            h.processElement(cpython(python, late), 0);
            FileChange done = change("done.py", DONE, 1);
            h.processElement(headers.map(done), 0);
            h.processElement(cst.evidence(done), 0);
            h.processElement(cpython(python, done), 0);
            if (h.extractOutputValues().size() != 1) {
                throw new IllegalStateException("expected done.py alone to be fused");
            }
            OperatorSubtaskState snapshot = h.snapshot(1, SNAPSHOT_TIME);
            Path dir = SourceStateSnapshots.DIR;
            Files.createDirectories(dir);
            OperatorSnapshotUtil.writeStateHandle(snapshot, dir.resolve("align-state-evidence-v"
                    + EvidenceFormat.CST.current() + ".snapshot").toString());
        }
    }
}
