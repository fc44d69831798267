package io.codeanatomy.cpg;

import io.codeanatomy.schema.CpgSchema;

import java.util.List;

/** The node, edge and prop rows written for one file version, as the row writer built them. */
public record FileRows(List<Object[]> nodes, List<Object[]> edges, List<Object[]> props) {
    /** The position of a {@code cpg_nodes} column. */
    public static int index(String nodeColumn) {
        return CpgSchema.NODES_TABLE.index(nodeColumn);
    }

    public static String nodeColumn(Object[] node, String column) {
        Object v = node[CpgSchema.NODES_TABLE.index(column)];
        return v == null ? null : v.toString();
    }

    public static String edgeColumn(Object[] edge, String column) {
        return (String) edge[CpgSchema.EDGES_TABLE.index(column)];
    }

    /** For the edges of one kind, each destination's source (the container of a CONTAINS, the scope of a DECLARES). */
    public java.util.Map<String, String> sourceByDestination(EdgeKind kind) {
        return ends(kind, "dst_id", "src_id");
    }

    /** For the edges of one kind, each source's destination (the variable a NAME refers to). */
    public java.util.Map<String, String> destinationBySource(EdgeKind kind) {
        return ends(kind, "src_id", "dst_id");
    }

    private java.util.Map<String, String> ends(EdgeKind kind, String keyColumn, String valueColumn) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (Object[] e : edges) {
            if (kind.name().equals(edgeColumn(e, "kind"))) {
                out.put(edgeColumn(e, keyColumn), edgeColumn(e, valueColumn));
            }
        }
        return out;
    }

    /** Each node's row by id (the first row of an id). */
    public java.util.Map<String, Object[]> nodesById() {
        java.util.Map<String, Object[]> out = new java.util.HashMap<>();
        for (Object[] n : nodes) {
            out.putIfAbsent(nodeColumn(n, "node_id"), n);
        }
        return out;
    }

    public static String propColumn(Object[] prop, String column) {
        Object v = prop[CpgSchema.PROPS_TABLE.index(column)];
        return v == null ? null : v.toString();
    }
}
