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

    public static String propColumn(Object[] prop, String column) {
        Object v = prop[CpgSchema.PROPS_TABLE.index(column)];
        return v == null ? null : v.toString();
    }
}
