package io.codeanatomy.align.python;

import io.codeanatomy.align.EvidenceFusion;
import io.codeanatomy.align.EvidenceLayer;
import io.codeanatomy.cpg.FileGraphBuilder;
import io.codeanatomy.cpg.RepoHeadRows;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.extract.CstEvidence;
import io.codeanatomy.extract.ExtractedNode;
import io.codeanatomy.extract.ExtractionProblem;
import io.codeanatomy.extract.FileExtraction;
import io.codeanatomy.extract.cpython.CPythonFacts;
import io.codeanatomy.extract.cpython.CPythonFactsCodec;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;
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

    private transient FileGraphBuilder builder;

    @Override
    public OwnedRows fuse(String repo, String path, Map<EvidenceLayer, byte[]> layers, Set<EvidenceLayer> missing) {
        CstEvidence cst = CstEvidence.decode(layers.get(EvidenceLayer.CST));
        FileChange change = cst.change;
        if (change.kind == ChangeKind.DELETE) {
            return OwnedRows.delete(new Owner(change.repo, change.path), CpgSchema.TABLES.size());
        }
        if (change.kind == ChangeKind.HEAD) {
            return RepoHeadRows.of(change);
        }
        FileExtraction extraction = cst.extraction;
        boolean parsed = extraction.parseStatus.equals(FileExtraction.OK)
                || extraction.parseStatus.equals(FileExtraction.SYNTAX_ERRORS);
        if (parsed) {
            LineIndex lines = LineIndex.of(change.content);
            CPythonFacts facts = null;
            if (missing.contains(EvidenceLayer.CPYTHON)) {
                extraction.problems.add(ExtractionProblem.wholeFile("cpython", "layer_timeout",
                        "the CPython layer's evidence did not arrive in time; the file is indexed without it"));
            } else if (layers.containsKey(EvidenceLayer.CPYTHON)) {
                facts = CPythonFactsCodec.decode(layers.get(EvidenceLayer.CPYTHON));
                applyCPython(facts, lines, extraction);
            }
            ExtractedNode module = FileGraphBuilder.moduleNode(change.path, change.content.length);
            extraction.edges.addAll(Containment.enclosedBy(extraction.nodes, module));
            if (cst.scopes != null) {
                ScopeFusion.apply(cst.scopes, facts, extraction, module);
            }
        }
        if (builder == null) {
            builder = new FileGraphBuilder();
        }
        return builder.build(change, extraction);
    }

    private static void applyCPython(CPythonFacts facts, LineIndex lines, FileExtraction extraction) {
        switch (facts.status) {
            case OK:
                CPythonAstFusion.apply(facts, lines, extraction);
                break;
            case NOT_APPLICABLE:
                break;
            case SYNTAX_ERROR:
                // CPython rejects the file; tree-sitter's recovery still gave the other layers a tree.
                extraction.problems.add(new ExtractionProblem("cpython", "syntax_error", facts.message,
                        -1, -1));
                break;
            default:
                extraction.problems.add(ExtractionProblem.wholeFile("cpython", facts.status.name().toLowerCase(),
                        facts.message));
        }
    }
}
