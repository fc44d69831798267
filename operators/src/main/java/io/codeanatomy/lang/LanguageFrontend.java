package io.codeanatomy.lang;

import io.codeanatomy.evidence.EvidenceFusion;
import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.evidence.ContentState;
import io.codeanatomy.extract.CstExtractor;
import io.codeanatomy.extract.SyntaxTree;
import io.codeanatomy.scope.ScopeModel;

import java.io.Serializable;
import java.util.Set;

/**
 * Everything the pipeline knows about one language, in one place (after joern's x2cpg frontends):
 * which files are its own, its tree-sitter grammar and typed extraction, its scope analysis, which
 * evidence layers a file of it expects, and the rules that fuse those layers into CPG rows. The
 * topology, the CST layer, the CPython layer's filter and the align operator all ask the frontend;
 * adding a language is one frontend package registered in {@link LanguageFrontends}.
 */
public interface LanguageFrontend extends Serializable {
    Language language();

    /**
     * The layers (other than the always-present HEADER) that send evidence about a changed, non-deleted
     * file of this language whose content is in {@code content}, of the layers the job {@code running}.
     */
    Set<EvidenceLayer> layers(ContentState content, Set<EvidenceLayer> running);

    /** A new tree-sitter extractor for this language (one per task thread). */
    CstExtractor newCstExtractor();

    /** The scope layer over a parsed file's tree; null when the language has no scope analysis. */
    ScopeModel analyzeScopes(SyntaxTree tree);

    /** Fuses this language's layers of one file version into its rows (fusion and graph rules). */
    EvidenceFusion fusion();
}
