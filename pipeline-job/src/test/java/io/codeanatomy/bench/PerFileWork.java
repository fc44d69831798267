package io.codeanatomy.bench;

import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.align.python.PythonEvidenceFusion;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.extract.CstLayer;
import io.codeanatomy.extract.cpython.CPythonFactsCodec;
import io.codeanatomy.extract.cpython.CPythonHelper;
import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The per-file work of the pipeline, wired by hand outside Flink (CST layer, CPython layer, fusion
 * into rows), one file at a time. The only benchmark class that calls the operators' per-file APIs:
 * when the topology changes, re-point this class and nothing else.
 */
final class PerFileWork implements AutoCloseable {
    /** Milliseconds spent in each step of one file. */
    record Timing(double cstMs, double cpythonMs, double fuseMs) {
    }

    private final CstLayer cst = new CstLayer(LayerSettings.defaults().syntaxNodes);
    private final CPythonHelper cpython = new CPythonHelper(LayerSettings.defaults().pythonExecutable,
            LayerSettings.defaults().cpythonTimeout, 1);
    private final PythonEvidenceFusion fusion = new PythonEvidenceFusion();

    /** The file version a watched commit hands to the layers: a modified Python file of the benchmark's repository. */
    static FileChange change(String repo, String path, String commit, byte[] content) {
        FileChange f = new FileChange();
        f.repo = repo;
        f.path = path;
        f.kind = ChangeKind.MODIFY;
        try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
            f.blobId = ids.idFor(Constants.OBJ_BLOB, content).name();
        }
        f.commit = commit;
        f.language = "python";
        f.size = content.length;
        f.content = content;
        f.version = 2;
        return f;
    }

    Timing time(FileChange f) throws Exception {
        long t0 = System.nanoTime();
        byte[] cstPayload = cst.evidence(f).payload;
        long t1 = System.nanoTime();
        byte[] cpythonPayload = CPythonFactsCodec.encode(cpython.facts(f.path, f.content));
        long t2 = System.nanoTime();
        Map<EvidenceLayer, byte[]> layers = new EnumMap<>(EvidenceLayer.class);
        layers.put(EvidenceLayer.CST, cstPayload);
        layers.put(EvidenceLayer.CPYTHON, cpythonPayload);
        fusion.fuse(FileHeader.of(f), layers, Set.of());
        long t3 = System.nanoTime();
        return new Timing((t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }

    @Override
    public void close() {
        try {
            cst.close();
        } finally {
            cpython.close(); // stops the helper process
        }
    }
}
