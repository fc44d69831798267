package io.codeanatomy.cpg;

import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.evidence.PropType;
import io.codeanatomy.extract.ExtractedEdge;
import io.codeanatomy.extract.ExtractedNode;
import io.codeanatomy.extract.ExtractionProblem;
import io.codeanatomy.extract.FileExtraction;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.span.LineIndex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one file version's rows of every CPG table, for any language: ids, canonical spans with
 * lines, the syntax parent of each node (by span nesting; SYNTAX_CHILD edges are a view of it), props, the edges the
 * layers decided and the problems. What is language-specific (the code unit node and structural
 * edges) comes from the language's {@link GraphRules}. Rows depend only on the file's bytes and
 * identity, so any parallelism or order gives the same rows.
 */
public final class CpgRowWriter {
    private static final String ORIGIN = "tree-sitter";
    private static final Comparator<ExtractedNode> NESTING = Comparator
            .comparingInt((ExtractedNode n) -> n.bstart)
            .thenComparing(n -> -n.bend)
            .thenComparing(n -> n.kind.nestingRank());
    private static final LineIndex NO_LINES = LineIndex.of(new byte[0]);

    private static final TableSpec FILES = CpgSchema.FILES_TABLE;
    private static final TableSpec NODES = CpgSchema.NODES_TABLE;
    private static final TableSpec EDGES = CpgSchema.EDGES_TABLE;
    private static final TableSpec PROPS = CpgSchema.PROPS_TABLE;
    private static final TableSpec ERRORS = CpgSchema.ERRORS_TABLE;
    private static final TableSpec SYMBOLS = CpgSchema.SYMBOLS_TABLE;
    // Positions of the columns written for every node, edge and prop, looked up once: a lookup by name
    // per value (and a concatenated name per prop) was a tenth of the align operator's time.
    private static final int NODE_ID = NODES.index("node_id");
    private static final int NODE_KIND = NODES.index("kind");
    private static final int NODE_NAME = NODES.index("name");
    private static final int NODE_LANGUAGE = NODES.index("language");
    private static final int NODE_BSTART = NODES.index("bstart");
    private static final int NODE_BEND = NODES.index("bend");
    private static final int NODE_START_LINE = NODES.index("start_line");
    private static final int NODE_END_LINE = NODES.index("end_line");
    private static final int NODE_PARENT_ID = NODES.index("parent_id");
    private static final int EDGE_ID = EDGES.index("edge_id");
    private static final int EDGE_KIND = EDGES.index("kind");
    private static final int EDGE_SRC_ID = EDGES.index("src_id");
    private static final int EDGE_DST_ID = EDGES.index("dst_id");
    private static final int EDGE_ORIGIN = EDGES.index("origin");
    private static final int EDGE_CONFIDENCE = EDGES.index("confidence");
    private static final int PROP_ENTITY_ID = PROPS.index("entity_id");
    private static final int PROP_KEY = PROPS.index("key");
    private static final int PROP_VALUE_TYPE = PROPS.index("value_type");
    /** The {@code value_*} column of each {@link PropType}, by ordinal. */
    private static final int[] PROP_VALUE = java.util.Arrays.stream(PropType.values())
            .mapToInt(t -> PROPS.index("value_" + t.columnName)).toArray();

    private final CpgIds ids = new CpgIds();

    /** The rows of a deleted file: none, and every earlier row of the file goes. */
    public static OwnedRows deleted(FileHeader header) {
        return OwnedRows.delete(new Owner(header.repo, header.path), CpgSchema.TABLES.size());
    }

    public OwnedRows write(FileHeader header, FileExtraction extraction, GraphRules rules) {
        Owner owner = new Owner(header.repo, header.path);
        List<List<Object[]>> tables = OwnedRows.emptyTables(CpgSchema.TABLES.size());
        LineIndex lines = header.lines == null ? NO_LINES : header.lines;
        int length = header.length();
        String path = header.path;

        Object[] file = ownedRow(FILES, header);
        file[FILES.index("blob_id")] = header.blobId;
        file[FILES.index("language")] = header.language;
        file[FILES.index("size_bytes")] = header.size;
        file[FILES.index("line_count")] = header.lines == null ? null : lines.lineCount();
        file[FILES.index("parse_status")] = extraction.parseStatus;
        tables.get(CpgSchema.TABLES.position(CpgSchema.FILES)).add(file);

        List<ExtractedNode> nodes = new ArrayList<>(extraction.nodes.size() + 2);
        nodes.add(new ExtractedNode(NodeKind.FILE, path, 0, length));
        if (header.lines != null && extraction.parseStatus.equals(FileExtraction.OK)
                || extraction.parseStatus.equals(FileExtraction.SYNTAX_ERRORS)) {
            nodes.add(rules.unitNode(header));
        }
        List<ExtractedNode> semantic = new ArrayList<>();
        partition(extraction.nodes, nodes, semantic);
        nodes.sort(NESTING);

        List<Object[]> nodeRows = tables.get(CpgSchema.TABLES.position(CpgSchema.NODES));
        List<Object[]> edgeRows = tables.get(CpgSchema.TABLES.position(CpgSchema.EDGES));
        List<Object[]> propRows = tables.get(CpgSchema.TABLES.position(CpgSchema.PROPS));
        // Each hot loop is a method of its own, and so is its body: the JIT then compiles each body once,
        // as a method called a million times, instead of the whole of this method once per hot loop
        // (on-stack replacement), which cost seconds of compilation per run.
        // Every node's id, by the node: an extracted edge names its ends by the very node objects, whose
        // ids were just made for their rows (two of every three SHA-256 digests were these again).
        Map<ExtractedNode, String> idOf = new IdentityHashMap<>(nodes.size() + semantic.size());
        SyntaxWalk walk = new SyntaxWalk(header, lines, rules, nodes, nodeRows, edgeRows, propRows, idOf);
        walk.visitAll();

        rules.fileEdges(nodes, walk.nodeIds, walk.syntaxEdges);
        addSemantic(header, lines, semantic, nodeRows, propRows, idOf);
        addEdges(header, extraction.edges, edgeRows, propRows, idOf);

        List<Object[]> errorRows = tables.get(CpgSchema.TABLES.position(CpgSchema.ERRORS));
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (ExtractionProblem p : extraction.problems) {
            String same = p.stage + '\u0000' + p.code + '\u0000' + p.bstart + '\u0000' + p.bend + '\u0000' + p.message;
            errorRows.add(errorRow(header, lines, p, seen.merge(same, 1, Integer::sum) - 1));
        }
        List<Object[]> symbolRows = tables.get(CpgSchema.TABLES.position(CpgSchema.SYMBOLS));
        FileRows fileRows = new FileRows(nodeRows, edgeRows, propRows);
        List<SymbolDefinition> symbols = rules.symbols(fileRows);
        for (SymbolDefinition d : symbols) {
            symbolRows.add(symbolRow(header, d));
        }
        file[FILES.index("link_summary")] = rules.linkSummary(fileRows, symbols);
        for (CpgSchema.RowCount count : CpgSchema.ROW_COUNTS) {
            file[FILES.index(count.column())] = tables.get(CpgSchema.TABLES.position(count.table())).size();
        }
        return new OwnedRows(owner, OwnedRows.Op.REPLACE, tables);
    }

    /** Syntax nodes to {@code syntax}, the others (VARIABLE, EXTERNAL) to {@code semantic}. */
    private static void partition(List<ExtractedNode> all, List<ExtractedNode> syntax, List<ExtractedNode> semantic) {
        for (ExtractedNode n : all) {
            (n.kind.syntactic() ? syntax : semantic).add(n);
        }
    }

    private void addEdges(FileHeader header, List<ExtractedEdge> edges, List<Object[]> edgeRows, List<Object[]> propRows,
                          Map<ExtractedNode, String> idOf) {
        for (ExtractedEdge e : edges) {
            addEdge(header, e, edgeRows, propRows, idOf);
        }
    }

    /** VARIABLE and EXTERNAL nodes: one row each (the first of equal ids), no parent, no syntax edges. */
    private void addSemantic(FileHeader header, LineIndex lines, List<ExtractedNode> semantic, List<Object[]> nodeRows,
                             List<Object[]> propRows, Map<ExtractedNode, String> idOf) {
        Set<String> seen = new HashSet<>();
        for (ExtractedNode n : semantic) {
            String id = ids.nodeId(header.repo, header.path, n);
            idOf.put(n, id);
            if (!seen.add(id)) {
                continue;
            }
            nodeRows.add(nodeRow(header, lines, n, id, null));
            addProps(header, id, n.props, propRows);
        }
    }

    /**
     * The walk over a file's syntax nodes in nesting order: each node's row with its parent (the
     * innermost open node enclosing it), its syntax edges and its props.
     */
    private final class SyntaxWalk {
        private final FileHeader header;
        private final LineIndex lines;
        private final GraphRules rules;
        private final List<ExtractedNode> nodes;
        private final List<Object[]> nodeRows;
        private final List<Object[]> propRows;
        private final String[] nodeIds;
        private final Deque<Integer> open = new ArrayDeque<>(); // indexes of nodes enclosing the current one
        private final GraphRules.EdgeSink syntaxEdges;
        private final GraphRules.Ancestors ancestors;
        private final Map<ExtractedNode, String> idOf;
        private String previousId;

        SyntaxWalk(FileHeader header, LineIndex lines, GraphRules rules, List<ExtractedNode> nodes,
                   List<Object[]> nodeRows, List<Object[]> edgeRows, List<Object[]> propRows, Map<ExtractedNode, String> idOf) {
            this.idOf = idOf;
            this.header = header;
            this.lines = lines;
            this.rules = rules;
            this.nodes = nodes;
            this.nodeRows = nodeRows;
            this.propRows = propRows;
            this.nodeIds = new String[nodes.size()];
            this.syntaxEdges = (kind, src, dst) -> edgeRows.add(edgeRow(header, kind, src, dst));
            this.ancestors = kinds -> nearest(nodes, nodeIds, open, kinds);
        }

        void visitAll() {
            for (int i = 0; i < nodes.size(); i++) {
                visit(i);
            }
        }

        void visit(int i) {
            ExtractedNode n = nodes.get(i);
            String id = ids.nodeId(header.repo, header.path, n);
            idOf.put(n, id);
            if (id.equals(previousId)) {
                nodeIds[i] = null; // the same node found by two patterns: keep one
                return;
            }
            previousId = id;
            nodeIds[i] = id;
            while (!open.isEmpty() && !encloses(nodes.get(open.peek()), n)) {
                open.pop();
            }
            Integer parent = open.peek();
            String parentId = parent == null ? null : nodeIds[parent];
            nodeRows.add(nodeRow(header, lines, n, id, parentId));
            if (parent != null) {
                // SYNTAX_CHILD edges are not stored: they mirror parent_id (the view CpgViews.SYNTAX_EDGES).
                rules.nodeEdges(n, id, ancestors, syntaxEdges);
            }
            addProps(header, id, n.props, propRows);
            open.push(i);
        }
    }

    private void addEdge(FileHeader header, ExtractedEdge e, List<Object[]> edgeRows, List<Object[]> propRows,
                         Map<ExtractedNode, String> idOf) {
        String src = idOf(header, e.src, idOf);
        String dst = idOf(header, e.dst, idOf);
        String edgeId = ids.edgeId(header.repo, header.path, e.kind, src, dst);
        edgeRows.add(edgeRow(header, edgeId, e.kind, src, dst, e.origin, e.confidence));
        addProps(header, edgeId, e.props, propRows);
    }

    /** The id of an edge's end: the one its row got, or made now for a node with no row of its own. */
    private String idOf(FileHeader header, ExtractedNode n, Map<ExtractedNode, String> idOf) {
        String id = idOf.get(n);
        return id != null ? id : ids.nodeId(header.repo, header.path, n);
    }

    private static void addProps(FileHeader header, String entityId, Map<String, Object> props, List<Object[]> propRows) {
        for (Map.Entry<String, Object> p : props.entrySet()) {
            propRows.add(propRow(header, entityId, p.getKey(), p.getValue()));
        }
    }

    /** A new row with the owner and provenance columns every table shares. */
    private static Object[] ownedRow(TableSpec spec, FileHeader header) {
        Object[] row = new Object[spec.width()];
        row[spec.repoIndex()] = header.repo;
        row[spec.pathIndex()] = header.path;
        row[spec.index("commit")] = header.commit;
        return row;
    }

    private static boolean encloses(ExtractedNode outer, ExtractedNode inner) {
        return outer.bstart <= inner.bstart && inner.bend <= outer.bend;
    }

    /** The id of the innermost open node of one of {@code kinds}, or null. */
    private static String nearest(List<ExtractedNode> nodes, String[] nodeIds, Deque<Integer> open, NodeKind... kinds) {
        for (Integer i : open) { // iterates innermost first
            NodeKind k = nodes.get(i).kind;
            for (NodeKind wanted : kinds) {
                if (k == wanted) {
                    return nodeIds[i];
                }
            }
        }
        return null;
    }

    private Object[] nodeRow(FileHeader header, LineIndex lines, ExtractedNode n, String id, String parentId) {
        Object[] row = ownedRow(NODES, header);
        row[NODE_ID] = id;
        row[NODE_KIND] = n.kind.name();
        row[NODE_NAME] = n.name;
        row[NODE_LANGUAGE] = header.language;
        row[NODE_BSTART] = (long) n.bstart;
        row[NODE_BEND] = (long) n.bend;
        row[NODE_START_LINE] = Math.max(1, lines.lineOf(n.bstart));
        row[NODE_END_LINE] = Math.max(1, lines.endLineOf(n.bstart, n.bend));
        row[NODE_PARENT_ID] = parentId;
        return row;
    }

    /** A syntax edge the tree-sitter layer decides here: certain. */
    private Object[] edgeRow(FileHeader header, EdgeKind kind, String src, String dst) {
        return edgeRow(header, ids.edgeId(header.repo, header.path, kind, src, dst), kind, src, dst, ORIGIN, 1.0);
    }

    private static Object[] edgeRow(FileHeader header, String edgeId, EdgeKind kind, String src, String dst,
                                    String origin, double confidence) {
        Object[] row = ownedRow(EDGES, header);
        row[EDGE_ID] = edgeId;
        row[EDGE_KIND] = kind.name();
        row[EDGE_SRC_ID] = src;
        row[EDGE_DST_ID] = dst;
        row[EDGE_ORIGIN] = origin;
        row[EDGE_CONFIDENCE] = confidence;
        return row;
    }

    private static Object[] propRow(FileHeader header, String entityId, String key, Object value) {
        Object[] row = ownedRow(PROPS, header);
        row[PROP_ENTITY_ID] = entityId;
        row[PROP_KEY] = key;
        PropType type = PropType.of(value);
        row[PROP_VALUE_TYPE] = type.columnName;
        row[PROP_VALUE[type.ordinal()]] = type.normalize(value);
        return row;
    }

    private Object[] symbolRow(FileHeader header, SymbolDefinition d) {
        Object[] row = ownedRow(SYMBOLS, header);
        row[SYMBOLS.index("symbol_id")] = ids.symbolId(header.repo, header.language, d.symbol());
        row[SYMBOLS.index("symbol")] = d.symbol();
        row[SYMBOLS.index("kind")] = d.kind().name();
        row[SYMBOLS.index("name")] = d.name();
        row[SYMBOLS.index("language")] = header.language;
        row[SYMBOLS.index("def_node_id")] = d.defNodeId();
        row[SYMBOLS.index("bstart")] = d.bstart();
        row[SYMBOLS.index("bend")] = d.bend();
        row[SYMBOLS.index("start_line")] = d.startLine();
        return row;
    }

    private Object[] errorRow(FileHeader header, LineIndex lines, ExtractionProblem p, int occurrence) {
        Object[] row = ownedRow(ERRORS, header);
        row[ERRORS.index("error_id")] = ids.errorId(header.repo, header.path, p.stage, p.code, p.bstart, p.bend,
                p.message, occurrence);
        row[ERRORS.index("stage")] = p.stage;
        row[ERRORS.index("code")] = p.code;
        row[ERRORS.index("message")] = p.message;
        if (p.hasSpan()) {
            row[ERRORS.index("bstart")] = p.bstart;
            row[ERRORS.index("bend")] = p.bend;
            row[ERRORS.index("start_line")] = Math.max(1, lines.lineOf(p.bstart));
        }
        return row;
    }
}
