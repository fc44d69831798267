package io.codeanatomy.cpg.python;

import io.codeanatomy.cpg.EdgeKind;
import io.codeanatomy.cpg.FileRows;
import io.codeanatomy.cpg.SymbolDefinition;
import io.codeanatomy.resolve.python.ModuleSummaries;
import io.codeanatomy.resolve.python.ModuleSummaryCodec;
import io.codeanatomy.cpg.GraphRules;
import io.codeanatomy.cpg.NodeKind;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.extract.ExtractedNode;

import java.util.List;

/**
 * Python's graph rules: the MODULE node named by the dotted module name; CONTAINS from FILE to MODULE
 * and from the innermost MODULE, CLASS or FUNCTION to the definitions and imports directly inside it;
 * HAS_PARAMETER; DOCUMENTS from a docstring to what it documents; DECORATES.
 */
public final class PythonGraphRules implements GraphRules {
    public static final PythonGraphRules INSTANCE = new PythonGraphRules();

    private PythonGraphRules() {
    }

    /** The MODULE node of a parsed file: the whole file, named by its dotted module name. */
    public static ExtractedNode moduleNode(String path, int length) {
        return new ExtractedNode(NodeKind.MODULE, PythonModuleNames.of(path), 0, length);
    }

    @Override
    public ExtractedNode unitNode(FileHeader header) {
        return moduleNode(header.path, header.length());
    }

    @Override
    public void nodeEdges(ExtractedNode n, String id, Ancestors ancestors, EdgeSink out) {
        String container = switch (n.kind) {
            case MODULE -> ancestors.nearest(NodeKind.FILE);
            case CLASS, FUNCTION, IMPORT -> ancestors.nearest(NodeKind.FUNCTION, NodeKind.CLASS, NodeKind.MODULE);
            default -> null;
        };
        if (container != null) {
            out.edge(EdgeKind.CONTAINS, container, id);
        }
        if (n.kind == NodeKind.PARAMETER) {
            String definition = ancestors.nearest(NodeKind.FUNCTION, NodeKind.LAMBDA);
            if (definition != null) {
                out.edge(EdgeKind.HAS_PARAMETER, definition, id);
            }
        }
        if (n.kind == NodeKind.DOCSTRING) {
            String documented = ancestors.nearest(NodeKind.FUNCTION, NodeKind.CLASS, NodeKind.MODULE);
            if (documented != null) {
                out.edge(EdgeKind.DOCUMENTS, id, documented);
            }
        }
    }

    @Override
    public List<SymbolDefinition> symbols(FileRows rows) {
        return PythonSymbols.of(rows);
    }

    @Override
    public String linkSummary(FileRows rows, List<SymbolDefinition> symbols) {
        return ModuleSummaryCodec.encode(ModuleSummaries.of(rows, symbols));
    }

    /**
     * DECORATES: decorators precede the definition they decorate (tree-sitter's decorated_definition
     * is not a node of ours), so each decorator goes to the first FUNCTION or CLASS after it.
     */
    @Override
    public void fileEdges(List<ExtractedNode> nodes, String[] nodeIds, EdgeSink out) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).kind != NodeKind.DECORATOR || nodeIds[i] == null) {
                continue;
            }
            for (int j = i + 1; j < nodes.size(); j++) {
                ExtractedNode target = nodes.get(j);
                if (target.bstart >= nodes.get(i).bend && nodeIds[j] != null
                        && (target.kind == NodeKind.FUNCTION || target.kind == NodeKind.CLASS)) {
                    out.edge(EdgeKind.DECORATES, nodeIds[i], nodeIds[j]);
                    break;
                }
            }
        }
    }
}
