package io.codeanatomy.extract;

import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.evidence.FileEvidence;
import io.codeanatomy.evidence.ContentState;
import io.codeanatomy.lang.LanguageFrontend;
import io.codeanatomy.lang.LanguageFrontends;
import io.codeanatomy.scope.ScopeModel;
import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;
import io.codeanatomy.source.listing.ContentReader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * The CST layer for one task: the file's language frontend parses it with tree-sitter, reads its typed
 * nodes and runs its scope analysis over the same tree, as one evidence record. A binary or oversized
 * file also gets a record saying why it was not parsed. Not thread safe (it owns tree-sitter parsers).
 */
public final class CstLayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CstLayer.class);
    /**
     * Above this size a file keeps its typed nodes only: SYNTAX nodes for every CST node of a dense
     * multi-megabyte generated file would be over ten million rows (gigabytes of heap in one record).
     */
    public static final int FULL_CST_MAX_BYTES = 1 << 20;

    private final LanguageFrontends frontends;
    private final boolean syntaxNodes;
    private final Map<String, CstExtractor> extractors = new HashMap<>();

    /** @param syntaxNodes whether every named CST node becomes a SYNTAX node (the full tree) */
    public CstLayer(LanguageFrontends frontends, boolean syntaxNodes) {
        this.frontends = frontends;
        this.syntaxNodes = syntaxNodes;
    }

    /** Every registered language, the full tree. */
    public CstLayer(boolean syntaxNodes) {
        this(LanguageFrontends.all(), syntaxNodes);
    }

    public FileEvidence evidence(FileChange change) {
        CstEvidence evidence = analyze(change);
        return new FileEvidence(change.repo, change.path, change.blobId, change.version, EvidenceLayer.CST,
                evidence.encode());
    }

    /** The extraction and scope model of one change. */
    public CstEvidence analyze(FileChange change) {
        LanguageFrontend frontend = frontends.of(change.language).orElse(null);
        if (change.kind == ChangeKind.DELETE || frontend == null) {
            return new CstEvidence(new FileExtraction(), null);
        }
        FileExtraction extraction = extract(change, frontend);
        ScopeModel scopes = scopes(change, frontend, extraction);
        extraction.tree = null; // large, and no longer needed
        return new CstEvidence(extraction, scopes);
    }

    /** The extraction of one file's content, or why there is none. */
    private FileExtraction extract(FileChange change, LanguageFrontend frontend) {
        switch (ContentState.of(change.content)) {
            case NOT_READ:
                if (change.skipReason != null && change.skipReason.startsWith(ContentReader.REFUSED)) {
                    return FileExtraction.skipped(FileExtraction.SKIPPED_REFUSED, ExtractionProblem.wholeFile("source",
                            "file_refused", change.skipReason.substring(ContentReader.REFUSED.length() + 2)));
                }
                return FileExtraction.skipped(FileExtraction.SKIPPED_TOO_LARGE, ExtractionProblem.wholeFile("source",
                        "file_too_large", change.path + " has " + change.size
                                + " bytes, more than --max-file-size; its content was not indexed"));
            case BINARY:
                return FileExtraction.skipped(FileExtraction.SKIPPED_BINARY, ExtractionProblem.wholeFile("source",
                        "binary_file", change.path + " contains a NUL byte in its first "
                                + ContentState.BINARY_PROBE_BYTES + " bytes; treated as binary and not parsed"));
            default:
                break;
        }
        try {
            boolean full = syntaxNodes && change.content.length <= FULL_CST_MAX_BYTES;
            FileExtraction extraction = extractors.computeIfAbsent(change.language, l -> frontend.newCstExtractor())
                    .extract(change.content, full);
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
    private static ScopeModel scopes(FileChange change, LanguageFrontend frontend, FileExtraction extraction) {
        if (extraction.tree == null) {
            return null;
        }
        try {
            return frontend.analyzeScopes(extraction.tree);
        } catch (RuntimeException e) {
            LOG.warn("scope analysis failed for {}:{} ({})", change.repo, change.path, e.toString());
            extraction.problems.add(ExtractionProblem.wholeFile("scope", "analysis_failed", e.toString()));
            return null;
        }
    }

    @Override
    public void close() {
        extractors.values().forEach(CstExtractor::close);
        extractors.clear();
    }
}
