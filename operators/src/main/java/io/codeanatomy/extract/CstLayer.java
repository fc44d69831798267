package io.codeanatomy.extract;

import io.codeanatomy.align.EvidenceLayer;
import io.codeanatomy.align.FileEvidence;
import io.codeanatomy.extract.python.PythonCstExtractor;
import io.codeanatomy.scope.PythonScopes;
import io.codeanatomy.scope.ScopeModel;
import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CST layer for one task: tree-sitter extraction of a changed file and the scope analysis over
 * its tree, as one evidence record. A delete, a binary or an oversized file also gets a record, so
 * the align operator always hears from this layer; a file that cannot be parsed says why.
 * Not thread safe (it owns a tree-sitter parser).
 */
public final class CstLayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CstLayer.class);
    /**
     * Above this size a file keeps its typed nodes only: SYNTAX nodes for every CST node of a dense
     * multi-megabyte generated file would be over ten million rows (gigabytes of heap in one record).
     */
    public static final int FULL_CST_MAX_BYTES = 1 << 20;
    /** Git's binary heuristic: a NUL byte within the first 8000 bytes. */
    private static final int BINARY_PROBE_BYTES = 8000;

    private final PythonCstExtractor python = new PythonCstExtractor();
    private final boolean syntaxNodes;

    /** @param syntaxNodes whether every named CST node becomes a SYNTAX node (the full tree) */
    public CstLayer(boolean syntaxNodes) {
        this.syntaxNodes = syntaxNodes;
    }

    public FileEvidence evidence(FileChange change) {
        boolean file = change.kind != ChangeKind.DELETE && change.kind != ChangeKind.HEAD;
        FileExtraction extraction = file ? extract(change) : new FileExtraction();
        ScopeModel scopes = scopes(change, extraction);
        extraction.tree = null; // large, and no longer needed
        return new FileEvidence(change.repo, change.path, change.blobId, change.version, EvidenceLayer.CST,
                new CstEvidence(change, extraction, scopes).encode());
    }

    /** The extraction of one file's content, or why there is none. */
    FileExtraction extract(FileChange change) {
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
            boolean full = syntaxNodes && change.content.length <= FULL_CST_MAX_BYTES;
            FileExtraction extraction = python.extract(change.content, full);
            if (syntaxNodes && !full) {
                extraction.problems.add(ExtractionProblem.wholeFile("extract", "syntax_nodes_omitted", change.path + " has "
                        + change.content.length + " bytes, more than " + FULL_CST_MAX_BYTES
                        + "; its typed nodes are indexed, its other syntax nodes (SYNTAX) are not"));
            }
            return extraction;
        } catch (RuntimeException e) {
            LOG.warn("extraction failed for {}:{} ({})", change.repo, change.path, e.toString());
            return FileExtraction.skipped(FileExtraction.FAILED,
                    ExtractionProblem.wholeFile("extract", "extractor_failed", e.toString()));
        }
    }

    /** The scope layer over the extraction's tree; a failure is an error row, and the file keeps its other layers. */
    private static ScopeModel scopes(FileChange change, FileExtraction extraction) {
        if (extraction.tree == null) {
            return null;
        }
        try {
            return PythonScopes.analyze(extraction.tree);
        } catch (RuntimeException e) {
            LOG.warn("scope analysis failed for {}:{} ({})", change.repo, change.path, e.toString());
            extraction.problems.add(ExtractionProblem.wholeFile("scope", "analysis_failed", e.toString()));
            return null;
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
        python.close();
    }
}
