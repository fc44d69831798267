package io.codeanatomy.schema;

import java.util.List;

/**
 * The views over the CPG tables, defined once: facts derivable from stored columns are views rather
 * than rows. The SQL uses only functions Flink SQL and Spark SQL both document ({@code SHA2}, {@code CHR},
 * {@code CONCAT_WS}, {@code SUBSTR}) and names the tables by their table names; SparkReadsSinkTablesTest
 * runs it in Spark (no Flink SQL test yet: the catalog of issue 13 will ship these views).
 */
public final class CpgViews {
    /** A view: its name, what one row is, and its query. */
    public record View(String name, String comment, String sql) {
        /** The statement that creates it (a temporary view where the engine has no catalog for it). */
        public String createStatement(boolean temporary) {
            return "CREATE " + (temporary ? "TEMPORARY " : "") + "VIEW " + name + " AS " + sql;
        }
    }

    /**
     * SYNTAX_CHILD edges, one per node with a syntax parent below FILE (every node with a parent but
     * MODULE, whose parent is FILE): they mirror {@code cpg_nodes.parent_id} exactly, so they are not
     * stored. {@code edge_id} is computed as the row writer computes every edge id (see CpgIds): the
     * first 16 hex digits of SHA-256(repo NUL path), then the first 16 of SHA-256(repo NUL path NUL kind
     * NUL src_id NUL dst_id).
     */
    public static final View SYNTAX_EDGES = new View("cpg_syntax_edges",
            "SYNTAX_CHILD edges derived from cpg_nodes.parent_id, with the columns of cpg_edges", """
            SELECT n.repo, n.path,
              CONCAT(SUBSTR(SHA2(CONCAT_WS(CHR(0), n.repo, n.path), 256), 1, 16),
                     SUBSTR(SHA2(CONCAT_WS(CHR(0), n.repo, n.path, 'SYNTAX_CHILD', n.parent_id, n.node_id), 256), 1, 16)) AS edge_id,
              'SYNTAX_CHILD' AS kind, n.parent_id AS src_id, n.node_id AS dst_id, 'tree-sitter' AS origin,
              CAST(1.0 AS DOUBLE) AS confidence, n.`commit`
            FROM cpg_nodes n
            WHERE n.parent_id IS NOT NULL AND n.kind <> 'MODULE'""");

    /** Every edge: the stored ones and the derived SYNTAX_CHILD edges. */
    public static final View ALL_EDGES = new View("cpg_all_edges",
            "cpg_edges and cpg_syntax_edges: every edge of the graph", """
            SELECT repo, path, edge_id, kind, src_id, dst_id, origin, confidence, `commit` FROM cpg_edges
            UNION ALL
            SELECT repo, path, edge_id, kind, src_id, dst_id, origin, confidence, `commit` FROM cpg_syntax_edges""");

    /** In dependency order: a view comes after the views it reads. */
    public static final List<View> VIEWS = List.of(SYNTAX_EDGES, ALL_EDGES);

    private CpgViews() {
    }
}
