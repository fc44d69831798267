package io.codeanatomy.cpg;

import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.extract.ExtractedEdge;
import io.codeanatomy.extract.ExtractedNode;
import io.codeanatomy.extract.ExtractionProblem;
import io.codeanatomy.extract.FileExtraction;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileChange;
import io.codeanatomy.span.LineIndex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one file's extraction into its rows of every CPG table: ids, canonical spans with lines,
 * the syntax parent of each node (by span nesting) and the SYNTAX_CHILD and CONTAINS edges.
 * Rows depend only on the file's bytes and identity, so any parallelism or order gives the same rows.
 */
public final class FileGraphBuilder {
    private static final String ORIGIN = "tree-sitter";
    private static final Comparator<ExtractedNode> NESTING = Comparator
            .comparingInt((ExtractedNode n) -> n.bstart)
            .thenComparing(n -> -n.bend)
            .thenComparing(n -> n.kind.ordinal());

    private static final TableSpec FILES = CpgSchema.FILES_TABLE;
    private static final TableSpec NODES = CpgSchema.NODES_TABLE;
    private static final TableSpec EDGES = CpgSchema.EDGES_TABLE;
    private static final TableSpec PROPS = CpgSchema.PROPS_TABLE;
    private static final TableSpec ERRORS = CpgSchema.ERRORS_TABLE;

    private final CpgIds ids = new CpgIds();

    public OwnedRows build(FileChange change, FileExtraction extraction) {
        Owner owner = new Owner(change.repo, change.path);
        List<List<Object[]>> tables = OwnedRows.emptyTables(CpgSchema.TABLES.size());
        byte[] content = change.content == null ? new byte[0] : change.content;
        LineIndex lines = LineIndex.of(content);
        String repo = change.repo;
        String path = change.path;

        List<Object[]> files = tables.get(CpgSchema.TABLES.position(CpgSchema.FILES));
        Object[] file = ownedRow(FILES, change);
        file[FILES.index("blob_id")] = change.blobId;
        file[FILES.index("language")] = change.language;
        file[FILES.index("size_bytes")] = change.size;
        file[FILES.index("line_count")] = change.content == null ? null : lines.lineCount();
        file[FILES.index("parse_status")] = extraction.parseStatus;
        files.add(file);

        List<ExtractedNode> nodes = new ArrayList<>(extraction.nodes.size() + 2);
        nodes.add(new ExtractedNode(NodeKind.FILE, path, 0, content.length));
        if (change.content != null && extraction.parseStatus.equals(FileExtraction.OK)
                || extraction.parseStatus.equals(FileExtraction.SYNTAX_ERRORS)) {
            nodes.add(moduleNode(path, content.length));
        }
        List<ExtractedNode> semantic = new ArrayList<>();
        for (ExtractedNode n : extraction.nodes) {
            (n.kind.syntactic() ? nodes : semantic).add(n);
        }
        nodes.sort(NESTING);

        List<Object[]> nodeRows = tables.get(CpgSchema.TABLES.position(CpgSchema.NODES));
        List<Object[]> edgeRows = tables.get(CpgSchema.TABLES.position(CpgSchema.EDGES));
        List<Object[]> propRows = tables.get(CpgSchema.TABLES.position(CpgSchema.PROPS));
        Deque<Integer> open = new ArrayDeque<>(); // indexes of nodes enclosing the current one
        String[] nodeIds = new String[nodes.size()];
        String previousId = null;
        for (int i = 0; i < nodes.size(); i++) {
            ExtractedNode n = nodes.get(i);
            String id = ids.nodeId(repo, path, n);
            if (id.equals(previousId)) {
                nodeIds[i] = null; // the same node found by two patterns: keep one
                continue;
            }
            previousId = id;
            nodeIds[i] = id;
            while (!open.isEmpty() && !encloses(nodes.get(open.peek()), n)) {
                open.pop();
            }
            Integer parent = open.peek();
            String parentId = parent == null ? null : nodeIds[parent];
            nodeRows.add(nodeRow(change, lines, n, id, parentId));
            if (parent != null) {
                NodeKind parentKind = nodes.get(parent).kind;
                if (parentKind != NodeKind.FILE) {
                    edgeRows.add(edgeRow(change, EdgeKind.SYNTAX_CHILD, parentId, id));
                }
                String container = nearestContainer(nodes, nodeIds, open, n.kind);
                if (container != null) {
                    edgeRows.add(edgeRow(change, EdgeKind.CONTAINS, container, id));
                }
                if (n.kind == NodeKind.PARAMETER) {
                    String definition = nearest(nodes, nodeIds, open, NodeKind.FUNCTION, NodeKind.LAMBDA);
                    if (definition != null) {
                        edgeRows.add(edgeRow(change, EdgeKind.HAS_PARAMETER, definition, id));
                    }
                }
                if (n.kind == NodeKind.DOCSTRING) {
                    String documented = nearest(nodes, nodeIds, open, NodeKind.FUNCTION, NodeKind.CLASS, NodeKind.MODULE);
                    if (documented != null) {
                        edgeRows.add(edgeRow(change, EdgeKind.DOCUMENTS, id, documented));
                    }
                }
            }
            for (Map.Entry<String, Object> p : n.props.entrySet()) {
                propRows.add(propRow(change, id, p.getKey(), p.getValue()));
            }
            open.push(i);
        }

        addDecorates(change, nodes, nodeIds, edgeRows);
        addSemantic(change, lines, semantic, nodeRows, propRows);
        for (ExtractedEdge e : extraction.edges) {
            String edgeId = ids.edgeId(repo, path, e.kind, ids.nodeId(repo, path, e.src), ids.nodeId(repo, path, e.dst));
            edgeRows.add(edgeRow(change, edgeId, e.kind, ids.nodeId(repo, path, e.src), ids.nodeId(repo, path, e.dst),
                    e.origin, e.confidence));
            for (Map.Entry<String, Object> p : e.props.entrySet()) {
                propRows.add(propRow(change, edgeId, p.getKey(), p.getValue()));
            }
        }

        List<Object[]> errorRows = tables.get(CpgSchema.TABLES.position(CpgSchema.ERRORS));
        for (ExtractionProblem p : extraction.problems) {
            errorRows.add(errorRow(change, lines, p));
        }
        return new OwnedRows(owner, OwnedRows.Op.REPLACE, tables);
    }

    /** The MODULE node of a parsed file: the whole file, named by its dotted module name. */
    public static ExtractedNode moduleNode(String path, int length) {
        return new ExtractedNode(NodeKind.MODULE, PythonModuleNames.of(path), 0, length);
    }

    /**
     * DECORATES: decorators precede the definition they decorate (tree-sitter's decorated_definition
     * is not a node of ours), so each decorator goes to the first FUNCTION or CLASS after it.
     */
    private void addDecorates(FileChange change, List<ExtractedNode> nodes, String[] nodeIds, List<Object[]> edgeRows) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).kind != NodeKind.DECORATOR || nodeIds[i] == null) {
                continue;
            }
            for (int j = i + 1; j < nodes.size(); j++) {
                ExtractedNode target = nodes.get(j);
                if (target.bstart >= nodes.get(i).bend && nodeIds[j] != null
                        && (target.kind == NodeKind.FUNCTION || target.kind == NodeKind.CLASS)) {
                    edgeRows.add(edgeRow(change, EdgeKind.DECORATES, nodeIds[i], nodeIds[j]));
                    break;
                }
            }
        }
    }

    /** VARIABLE and EXTERNAL nodes: one row each (the first of equal ids), no parent, no syntax edges. */
    private void addSemantic(FileChange change, LineIndex lines, List<ExtractedNode> semantic, List<Object[]> nodeRows,
                             List<Object[]> propRows) {
        Set<String> seen = new HashSet<>();
        for (ExtractedNode n : semantic) {
            String id = ids.nodeId(change.repo, change.path, n);
            if (!seen.add(id)) {
                continue;
            }
            nodeRows.add(nodeRow(change, lines, n, id, null));
            for (Map.Entry<String, Object> p : n.props.entrySet()) {
                propRows.add(propRow(change, id, p.getKey(), p.getValue()));
            }
        }
    }

    /** A new row with the owner and provenance columns every table shares. */
    private static Object[] ownedRow(TableSpec spec, FileChange change) {
        Object[] row = new Object[spec.width()];
        row[spec.repoIndex()] = change.repo;
        row[spec.pathIndex()] = change.path;
        row[spec.index("commit")] = change.commit;
        return row;
    }

    private static boolean encloses(ExtractedNode outer, ExtractedNode inner) {
        return outer.bstart <= inner.bstart && inner.bend <= outer.bend;
    }

    /** CONTAINS: FILE holds MODULE; the innermost MODULE, CLASS or FUNCTION holds definitions and imports. */
    private static String nearestContainer(List<ExtractedNode> nodes, String[] nodeIds, Deque<Integer> open, NodeKind kind) {
        if (kind == NodeKind.MODULE) {
            return nearest(nodes, nodeIds, open, NodeKind.FILE);
        }
        if (kind != NodeKind.CLASS && kind != NodeKind.FUNCTION && kind != NodeKind.IMPORT) {
            return null;
        }
        return nearest(nodes, nodeIds, open, NodeKind.FUNCTION, NodeKind.CLASS, NodeKind.MODULE);
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

    private Object[] nodeRow(FileChange change, LineIndex lines, ExtractedNode n, String id, String parentId) {
        Object[] row = ownedRow(NODES, change);
        row[NODES.index("node_id")] = id;
        row[NODES.index("kind")] = n.kind.name();
        row[NODES.index("name")] = n.name;
        row[NODES.index("language")] = change.language;
        row[NODES.index("bstart")] = (long) n.bstart;
        row[NODES.index("bend")] = (long) n.bend;
        row[NODES.index("start_line")] = Math.max(1, lines.lineOf(n.bstart));
        row[NODES.index("end_line")] = Math.max(1, lines.endLineOf(n.bstart, n.bend));
        row[NODES.index("parent_id")] = parentId;
        return row;
    }

    /** A syntax edge the tree-sitter layer decides here: certain. */
    private Object[] edgeRow(FileChange change, EdgeKind kind, String src, String dst) {
        return edgeRow(change, ids.edgeId(change.repo, change.path, kind, src, dst), kind, src, dst, ORIGIN, 1.0);
    }

    private static Object[] edgeRow(FileChange change, String edgeId, EdgeKind kind, String src, String dst,
                                    String origin, double confidence) {
        Object[] row = ownedRow(EDGES, change);
        row[EDGES.index("edge_id")] = edgeId;
        row[EDGES.index("kind")] = kind.name();
        row[EDGES.index("src_id")] = src;
        row[EDGES.index("dst_id")] = dst;
        row[EDGES.index("origin")] = origin;
        row[EDGES.index("confidence")] = confidence;
        return row;
    }

    private Object[] propRow(FileChange change, String entityId, String key, Object value) {
        Object[] row = ownedRow(PROPS, change);
        row[PROPS.index("entity_id")] = entityId;
        row[PROPS.index("key")] = key;
        if (value instanceof Boolean) {
            row[PROPS.index("value_type")] = "bool";
            row[PROPS.index("value_bool")] = value;
        } else if (value instanceof Long || value instanceof Integer) {
            row[PROPS.index("value_type")] = "long";
            row[PROPS.index("value_long")] = ((Number) value).longValue();
        } else {
            row[PROPS.index("value_type")] = "string";
            row[PROPS.index("value_string")] = String.valueOf(value);
        }
        return row;
    }

    private Object[] errorRow(FileChange change, LineIndex lines, ExtractionProblem p) {
        Object[] row = ownedRow(ERRORS, change);
        row[ERRORS.index("error_id")] = ids.errorId(change.repo, change.path, p.stage, p.code, p.bstart, p.bend);
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
