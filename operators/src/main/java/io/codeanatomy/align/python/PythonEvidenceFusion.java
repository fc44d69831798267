package io.codeanatomy.align.python;

import io.codeanatomy.evidence.EvidenceFusion;
import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.cpg.CpgRowWriter;
import io.codeanatomy.cpg.python.PythonGraphRules;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.extract.CstEvidence;
import io.codeanatomy.extract.ExtractedNode;
import io.codeanatomy.extract.ExtractionProblem;
import io.codeanatomy.extract.FileExtraction;
import io.codeanatomy.extract.cpython.CPythonFacts;
import io.codeanatomy.extract.cpython.CPythonFactsCodec;
import io.codeanatomy.span.LineIndex;

import java.util.Map;
import java.util.Set;

/**
 * Fuses the Python layers of one file version into its CPG rows: the CST layer's nodes, CPython's
 * ast types and contexts on them (with disagreements kept), ENCLOSED_BY containment, and the scope
 * layer's variables and REFERS_TO edges checked against CPython's symtable. A layer that
 * could not run, or did not arrive in time, leaves an extract_errors row saying so.
 */
public final class PythonEvidenceFusion implements EvidenceFusion {
    private static final long serialVersionUID = 1L;

    private transient CpgRowWriter writer;

    @Override
    public OwnedRows fuse(FileHeader header, Map<EvidenceLayer, byte[]> layers, Set<EvidenceLayer> missing) {
        CstEvidence cst = CstEvidence.decode(layers.get(EvidenceLayer.CST));
        FileExtraction extraction = cst.extraction;
        boolean parsed = extraction.parseStatus.equals(FileExtraction.OK)
                || extraction.parseStatus.equals(FileExtraction.SYNTAX_ERRORS);
        if (parsed) {
            CPythonFacts facts = null;
            if (missing.contains(EvidenceLayer.CPYTHON)) {
                extraction.problems.add(ExtractionProblem.wholeFile("cpython", "layer_timeout",
                        "the CPython layer's evidence did not arrive in time; the file is indexed without it"));
            } else if (layers.containsKey(EvidenceLayer.CPYTHON)) {
                facts = CPythonFactsCodec.decode(layers.get(EvidenceLayer.CPYTHON));
                applyCPython(facts, header.lines, extraction);
            }
            ExtractedNode module = PythonGraphRules.moduleNode(header.path, header.length());
            extraction.edges.addAll(Containment.enclosedBy(extraction.nodes, module));
            if (cst.scopes != null) {
                ScopeFusion.apply(cst.scopes, facts, extraction, module);
            }
        }
        if (writer == null) {
            writer = new CpgRowWriter();
        }
        return writer.write(header, extraction, PythonGraphRules.INSTANCE);
    }

    private static void applyCPython(CPythonFacts facts, LineIndex lines, FileExtraction extraction) {
        switch (facts.status) {
            case OK -> CPythonAstFusion.apply(facts, lines, extraction);
            case NOT_APPLICABLE -> { }
            // CPython rejects the file; tree-sitter's recovery still gave the other layers a tree.
            case SYNTAX_ERROR -> extraction.problems.add(new ExtractionProblem("cpython", "syntax_error", facts.message,
                    -1, -1));
            default -> extraction.problems.add(ExtractionProblem.wholeFile("cpython",
                    facts.status.name().toLowerCase(java.util.Locale.ROOT), facts.message));
        }
    }
}
