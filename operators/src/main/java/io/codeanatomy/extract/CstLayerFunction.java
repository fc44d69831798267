package io.codeanatomy.extract;

import io.codeanatomy.align.EvidenceLayer;
import io.codeanatomy.align.FileEvidence;
import io.codeanatomy.cpg.CpgAccumulators;
import io.codeanatomy.extract.python.PythonCstExtractor;
import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CST layer: tree-sitter extraction of each changed file, one evidence record per change (a
 * delete, a binary or an oversized file included, so the align operator always hears from this
 * layer). Nothing here stops the job for bad input: a file that cannot be parsed still yields
 * evidence saying why.
 */
public final class CstLayerFunction extends RichFlatMapFunction<FileChange, FileEvidence> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CstLayerFunction.class);
    /** Git's binary heuristic: a NUL byte within the first 8000 bytes. */
    private static final int BINARY_PROBE_BYTES = 8000;

    private final boolean syntaxNodes;
    private transient PythonCstExtractor python;
    private transient LongCounter files;
    private transient LongCounter bytes;

    /** @param syntaxNodes whether every named CST node becomes a SYNTAX node (the full tree) */
    public CstLayerFunction(boolean syntaxNodes) {
        this.syntaxNodes = syntaxNodes;
    }

    @Override
    public void open(OpenContext context) {
        python = new PythonCstExtractor();
        files = getRuntimeContext().getLongCounter(CpgAccumulators.FILES);
        bytes = getRuntimeContext().getLongCounter(CpgAccumulators.BYTES);
    }

    @Override
    public void flatMap(FileChange change, Collector<FileEvidence> out) {
        FileExtraction extraction = change.kind == ChangeKind.DELETE ? new FileExtraction() : extract(change);
        if (change.kind != ChangeKind.DELETE) {
            files.add(1);
            bytes.add(change.size);
        }
        out.collect(new FileEvidence(change.repo, change.path, change.blobId, change.version, EvidenceLayer.CST,
                new CstEvidence(change, extraction).encode()));
    }

    /** The extraction of one file's content, or why there is none. */
    public FileExtraction extract(FileChange change) {
        if (change.content == null) {
            return FileExtraction.skipped(FileExtraction.SKIPPED_TOO_LARGE, ExtractionProblem.wholeFile("source",
                    "file_too_large", change.path + " has " + change.size
                            + " bytes, more than --max-file-size; its content was not indexed"));
        }
        if (looksBinary(change.content)) {
            return FileExtraction.skipped(FileExtraction.SKIPPED_BINARY, ExtractionProblem.wholeFile("source",
                    "binary_file", change.path + " contains a NUL byte in its first " + BINARY_PROBE_BYTES
                            + " bytes; treated as binary and not parsed"));
        }
        try {
            return python.extract(change.content, syntaxNodes);
        } catch (RuntimeException e) {
            LOG.warn("extraction failed for {}:{} ({})", change.repo, change.path, e.toString());
            return FileExtraction.skipped(FileExtraction.FAILED,
                    ExtractionProblem.wholeFile("extract", "extractor_failed", e.toString()));
        }
    }

    public static boolean looksBinary(byte[] content) {
        int n = Math.min(content.length, BINARY_PROBE_BYTES);
        for (int i = 0; i < n; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (python != null) {
            python.close();
        }
    }
}
