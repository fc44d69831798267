package io.codeanatomy.lang.python;

import io.codeanatomy.evidence.EvidenceFusion;
import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.align.python.PythonEvidenceFusion;
import io.codeanatomy.evidence.ContentState;
import io.codeanatomy.extract.CstExtractor;
import io.codeanatomy.extract.SyntaxTree;
import io.codeanatomy.extract.python.PythonCstExtractor;
import io.codeanatomy.lang.Language;
import io.codeanatomy.lang.LanguageFrontend;
import io.codeanatomy.scope.ScopeModel;
import io.codeanatomy.scope.python.PythonScopes;

import java.util.EnumSet;
import java.util.Set;

/**
 * Python: tree-sitter-python, our scope analysis, and CPython's own ast and symtable for files it can
 * read (a binary or unread file never reaches python3).
 */
public final class PythonFrontend implements LanguageFrontend {
    private static final long serialVersionUID = 1L;

    @Override
    public Language language() {
        return Language.PYTHON;
    }

    @Override
    public Set<EvidenceLayer> layers(ContentState content, Set<EvidenceLayer> running) {
        Set<EvidenceLayer> layers = EnumSet.of(EvidenceLayer.CST);
        if (running.contains(EvidenceLayer.CPYTHON) && content == ContentState.TEXT) {
            layers.add(EvidenceLayer.CPYTHON);
        }
        return layers;
    }

    @Override
    public CstExtractor newCstExtractor() {
        return new PythonCstExtractor();
    }

    @Override
    public ScopeModel analyzeScopes(SyntaxTree tree) {
        return PythonScopes.analyze(tree);
    }

    @Override
    public EvidenceFusion fusion() {
        return new PythonEvidenceFusion();
    }
}
