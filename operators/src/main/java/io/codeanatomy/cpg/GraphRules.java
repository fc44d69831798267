package io.codeanatomy.cpg;

import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.extract.ExtractedNode;

import java.util.List;

/**
 * A language's graph rules, applied by the language-neutral {@link CpgRowWriter}: the node that
 * stands for a parsed file's code unit, and the structural edges the syntax tree implies for that
 * language (what contains what, what documents or decorates what).
 */
public interface GraphRules {
    /** No code unit and no structural edges: for files no frontend parses. */
    GraphRules NONE = new GraphRules() {
        @Override
        public ExtractedNode unitNode(FileHeader header) {
            throw new IllegalStateException("no language rules for " + header);
        }

        @Override
        public void nodeEdges(ExtractedNode node, String id, Ancestors ancestors, EdgeSink out) {
        }

        @Override
        public void fileEdges(List<ExtractedNode> nodes, String[] nodeIds, EdgeSink out) {
        }
    };

    /** The code unit of a parsed file (Python's MODULE), spanning the whole file. */
    ExtractedNode unitNode(FileHeader header);

    /** Edges between a syntax node (whose id is {@code id}) and its enclosing nodes; once per node, in nesting order. */
    void nodeEdges(ExtractedNode node, String id, Ancestors ancestors, EdgeSink out);

    /** Edges that need the whole sorted node list (e.g. a decorator to the definition after it). */
    void fileEdges(List<ExtractedNode> nodes, String[] nodeIds, EdgeSink out);

    /** The symbols the file defines, from its finished rows; none for a language without symbol rules. */
    default java.util.List<SymbolDefinition> symbols(FileRows rows) {
        return java.util.List.of();
    }

    /** What the cross-file linker needs of the file (docs/cross-file.md), as text; null for a language without a linker. */
    default String linkSummary(FileRows rows, java.util.List<SymbolDefinition> symbols) {
        return null;
    }

    /** The open (enclosing) nodes of the node being written, innermost first. */
    interface Ancestors {
        /** The id of the innermost enclosing node of one of {@code kinds}, or null. */
        String nearest(NodeKind... kinds);
    }

    /** Receives an edge decided by the syntax tree (origin tree-sitter, confidence 1). */
    interface EdgeSink {
        void edge(EdgeKind kind, String srcId, String dstId);
    }
}
