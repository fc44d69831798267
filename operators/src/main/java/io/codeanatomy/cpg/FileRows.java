package io.codeanatomy.cpg;

import io.codeanatomy.schema.CpgSchema;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The node, edge and prop rows written for one file version, as the row writer built them, complete:
 * the maps derived from them are built once and shared by every rule that asks (several rules ask for
 * the same ones), so the rows must not change once wrapped, and the maps are read-only.
 */
public final class FileRows {
    private final List<Object[]> nodes;
    private final List<Object[]> edges;
    private final List<Object[]> props;
    private Map<String, Object[]> nodesById;
    private NavigableMap<Long, Object[]> namesByStart;
    /** Per edge kind, each source's destination and each destination's source, as asked for. */
    private final Map<EdgeKind, Map<String, String>> destinationBySource = new EnumMap<>(EdgeKind.class);
    private final Map<EdgeKind, Map<String, String>> sourceByDestination = new EnumMap<>(EdgeKind.class);

    // Positions of the columns the graph rules read, looked up in the registry once: the rules read
    // every row of a file several times, and a lookup by name per value was a tenth of their time.
    public static final int NODE_ID = CpgSchema.NODES_TABLE.index("node_id");
    public static final int NODE_KIND = CpgSchema.NODES_TABLE.index("kind");
    public static final int NODE_NAME = CpgSchema.NODES_TABLE.index("name");
    public static final int NODE_BSTART = CpgSchema.NODES_TABLE.index("bstart");
    public static final int NODE_BEND = CpgSchema.NODES_TABLE.index("bend");
    public static final int NODE_START_LINE = CpgSchema.NODES_TABLE.index("start_line");
    public static final int EDGE_ID = CpgSchema.EDGES_TABLE.index("edge_id");
    public static final int EDGE_KIND = CpgSchema.EDGES_TABLE.index("kind");
    public static final int EDGE_SRC_ID = CpgSchema.EDGES_TABLE.index("src_id");
    public static final int EDGE_DST_ID = CpgSchema.EDGES_TABLE.index("dst_id");
    public static final int PROP_ENTITY_ID = CpgSchema.PROPS_TABLE.index("entity_id");
    public static final int PROP_KEY = CpgSchema.PROPS_TABLE.index("key");
    public static final int PROP_VALUE_STRING = CpgSchema.PROPS_TABLE.index("value_string");
    public static final int PROP_VALUE_LONG = CpgSchema.PROPS_TABLE.index("value_long");

    public FileRows(List<Object[]> nodes, List<Object[]> edges, List<Object[]> props) {
        this.nodes = nodes;
        this.edges = edges;
        this.props = props;
    }

    public List<Object[]> nodes() {
        return nodes;
    }

    public List<Object[]> edges() {
        return edges;
    }

    public List<Object[]> props() {
        return props;
    }

    /** A {@code cpg_nodes} column ({@link #NODE_ID}, ...) of a node row, as a string. */
    public static String nodeColumn(Object[] node, int column) {
        Object v = node[column];
        return v == null ? null : v.toString();
    }

    /** A {@code cpg_edges} string column ({@link #EDGE_ID}, ...) of an edge row. */
    public static String edgeColumn(Object[] edge, int column) {
        return (String) edge[column];
    }

    /** A {@code cpg_props} column ({@link #PROP_KEY}, ...) of a prop row, as a string. */
    public static String propColumn(Object[] prop, int column) {
        Object v = prop[column];
        return v == null ? null : v.toString();
    }

    /** For the edges of one kind, each destination's source (the container of a CONTAINS, the scope of a DECLARES). */
    public Map<String, String> sourceByDestination(EdgeKind kind) {
        return sourceByDestination.computeIfAbsent(kind, k -> ends(k, EDGE_DST_ID, EDGE_SRC_ID));
    }

    /** For the edges of one kind, each source's destination (the variable a NAME refers to). */
    public Map<String, String> destinationBySource(EdgeKind kind) {
        return destinationBySource.computeIfAbsent(kind, k -> ends(k, EDGE_SRC_ID, EDGE_DST_ID));
    }

    private Map<String, String> ends(EdgeKind kind, int keyColumn, int valueColumn) {
        Map<String, String> out = new HashMap<>();
        String name = kind.name();
        for (Object[] e : edges) {
            if (name.equals(e[EDGE_KIND])) {
                out.put(edgeColumn(e, keyColumn), edgeColumn(e, valueColumn));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Each node's row by id (the first row of an id). */
    public Map<String, Object[]> nodesById() {
        if (nodesById == null) {
            Map<String, Object[]> out = new HashMap<>();
            for (Object[] n : nodes) {
                out.putIfAbsent(nodeColumn(n, NODE_ID), n);
            }
            nodesById = Collections.unmodifiableMap(out);
        }
        return nodesById;
    }

    /** The NAME nodes by start (of two at one start, the later row). */
    public NavigableMap<Long, Object[]> namesByStart() {
        if (namesByStart == null) {
            TreeMap<Long, Object[]> out = new TreeMap<>();
            String name = NodeKind.NAME.name();
            for (Object[] n : nodes) {
                if (name.equals(nodeColumn(n, NODE_KIND))) {
                    out.put((Long) n[NODE_BSTART], n);
                }
            }
            namesByStart = Collections.unmodifiableNavigableMap(out);
        }
        return namesByStart;
    }
}
