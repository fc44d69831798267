package io.codeanatomy.schema;

import io.codeanatomy.delta.schema.ColumnSpec;

import java.util.List;

import static io.codeanatomy.delta.schema.ColumnType.DOUBLE;
import static io.codeanatomy.delta.schema.ColumnType.INT;
import static io.codeanatomy.delta.schema.ColumnType.LONG;
import static io.codeanatomy.delta.schema.ColumnType.STRING;

/**
 * The views over the CPG tables, defined once: facts derivable from stored columns are views rather
 * than rows. The SQL uses only functions Flink SQL and Spark SQL both document ({@code SHA2}, {@code CHR},
 * {@code CONCAT_WS}, {@code SUBSTR}) and names the tables by their table names; SparkReadsSinkTablesTest
 * runs it in Spark. The Flink SQL catalog ships every view with its declared columns (Flink needs a
 * view's schema; FlinkViewsTest plans each query and checks it against the declaration).
 */
public final class CpgViews {
    /** A view: its name, what one row is, its query and the columns it yields. */
    public record View(String name, String comment, String sql, List<ColumnSpec> columns) {
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
              %s AS edge_id,
              'SYNTAX_CHILD' AS kind, n.parent_id AS src_id, n.node_id AS dst_id, 'tree-sitter' AS origin,
              CAST(1.0 AS DOUBLE) AS confidence, n.`commit`
            FROM cpg_nodes n
            WHERE n.parent_id IS NOT NULL AND n.kind <> 'MODULE'""".formatted(edgeIdSql("n.repo", "n.path", "'SYNTAX_CHILD'", "n.parent_id", "n.node_id")),
            derivedEdgeColumns());

    /**
     * An edge id in SQL, computed as the row writer computes every edge id (CpgIds): the first 16 hex
     * digits of SHA-256(repo NUL path), then the first 16 of SHA-256(repo NUL path NUL kind NUL src NUL dst).
     */
    public static String edgeIdSql(String repo, String path, String kind, String src, String dst) {
        return "CONCAT(SUBSTR(SHA2(CONCAT_WS(CHR(0), " + repo + ", " + path + "), 256), 1, 16), "
                + "SUBSTR(SHA2(CONCAT_WS(CHR(0), " + repo + ", " + path + ", " + kind + ", " + src + ", " + dst + "), 256), 1, 16))";
    }

    /** Every edge: the stored ones and the derived SYNTAX_CHILD edges. */
    public static final View ALL_EDGES = new View("cpg_all_edges",
            "cpg_edges and cpg_syntax_edges: every edge of the graph", """
            SELECT repo, path, edge_id, kind, src_id, dst_id, origin, confidence, `commit` FROM cpg_edges
            UNION ALL
            SELECT repo, path, edge_id, kind, src_id, dst_id, origin, confidence, `commit` FROM cpg_syntax_edges""",
            derivedEdgeColumns());

    /** The columns of cpg_edges, with the two a SQL engine cannot tell are never null here (computed, or from parent_id) nullable. */
    public static List<ColumnSpec> derivedEdgeColumns() {
        return CpgSchema.EDGES_TABLE.columns().stream()
                .map(c -> c.name().equals("edge_id") || c.name().equals("src_id") ? opt(c.name(), c.type(), c.doc()) : c)
                .toList();
    }

    private static ColumnSpec req(String name, io.codeanatomy.delta.schema.ColumnType type, String doc) {
        return ColumnSpec.required(name, type, doc);
    }

    private static ColumnSpec opt(String name, io.codeanatomy.delta.schema.ColumnType type, String doc) {
        return ColumnSpec.optional(name, type, doc);
    }

    /** Every resolved call site, with the definition it is in and the one it calls (callers and callees are filters of it). */
    public static final View CALLS = new View("calls",
            "one row per CALLS edge: a call site, its enclosing definition (caller) and the definition it calls (callee)", """
            SELECT x.repo, x.path, n.start_line AS line, x.src_id AS call_id, n.name AS call_text,
              c.symbol AS caller, x.target AS callee, x.target_kind AS callee_kind, x.resolution, x.confidence
            FROM xrefs x
            JOIN cpg_nodes n ON n.node_id = x.src_id
            LEFT JOIN cpg_edges e ON e.src_id = x.src_id AND e.kind = 'ENCLOSED_BY'
            LEFT JOIN symbols c ON c.def_node_id = e.dst_id
            WHERE x.kind = 'CALLS'""", List.of(
            req("repo", STRING, "repository id"),
            req("path", STRING, "the calling file"),
            req("line", INT, "1-based line of the call"),
            req("call_id", STRING, "the CALL node"),
            opt("call_text", STRING, "the callee as written (a.b.c), null for a computed callee"),
            opt("caller", STRING, "symbol of the function, method, class or module the call is in"),
            req("callee", STRING, "the called symbol, or the dotted name of a callee outside the repository"),
            req("callee_kind", STRING, "FUNCTION, METHOD, CLASS (a constructor without __init__) or EXTERNAL"),
            req("resolution", STRING, "how the linker found it: local, import, self, mro, constructor, ..."),
            req("confidence", DOUBLE, "in [0, 1]; alternatives split it")));

    /** Module to module: one row per import of a file, the importing module's symbol and what it imports. */
    public static final View IMPORT_GRAPH = new View("import_graph",
            "one row per IMPORTS edge: the importing module and the module it imports (dotted name if outside the repository)", """
            SELECT x.repo, m.symbol AS importer, x.path AS importer_path, x.target AS imported,
              x.target_kind AS imported_kind, n.start_line AS line
            FROM xrefs x
            JOIN cpg_nodes n ON n.node_id = x.src_id
            JOIN symbols m ON m.repo = x.repo AND m.path = x.path AND m.kind = 'MODULE'
            WHERE x.kind = 'IMPORTS'""", List.of(
            req("repo", STRING, "repository id"),
            req("importer", STRING, "symbol of the importing module"),
            req("importer_path", STRING, "its file"),
            req("imported", STRING, "symbol of the imported module, or its dotted name outside the repository"),
            req("imported_kind", STRING, "MODULE, NAMESPACE, EXTERNAL or UNRESOLVED"),
            req("line", INT, "1-based line of the import")));

    private static final String BASES_OF = "xrefs %1$s JOIN symbols %2$s ON %2$s.def_node_id = %1$s.src_id AND %1$s.kind = 'INHERITS'";

    /** The class hierarchy: each class with its bases, their bases and theirs (Flink SQL has no recursive queries). */
    public static final View CLASS_HIERARCHY = new View("class_hierarchy",
            "one row per (class, ancestor) up to three levels: depth 1 is a direct base", """
            SELECT c.repo, c.symbol AS class, x.target AS base, x.target_kind AS base_kind, 1 AS depth, x.confidence
            FROM %1$s
            UNION ALL
            SELECT c.repo, c.symbol, x2.target, x2.target_kind, 2, x.confidence * x2.confidence
            FROM %1$s
            JOIN symbols b ON b.repo = x.repo AND b.symbol = x.target AND b.kind = 'CLASS'
            JOIN %2$s
            UNION ALL
            SELECT c.repo, c.symbol, x3.target, x3.target_kind, 3, x.confidence * x2.confidence * x3.confidence
            FROM %1$s
            JOIN symbols b ON b.repo = x.repo AND b.symbol = x.target AND b.kind = 'CLASS'
            JOIN %2$s
            JOIN symbols b2 ON b2.repo = x2.repo AND b2.symbol = x2.target AND b2.kind = 'CLASS'
            JOIN %3$s""".formatted(BASES_OF.formatted("x", "c"),
            "xrefs x2 ON x2.src_id = b.def_node_id AND x2.kind = 'INHERITS'",
            "xrefs x3 ON x3.src_id = b2.def_node_id AND x3.kind = 'INHERITS'"), List.of(
            req("repo", STRING, "repository id"),
            req("class", STRING, "symbol of the class"),
            req("base", STRING, "symbol of an ancestor class, or its dotted name outside the repository"),
            req("base_kind", STRING, "CLASS or EXTERNAL"),
            req("depth", INT, "1 for a direct base, 2 for a base's base, 3 for the next"),
            req("confidence", DOUBLE, "the product of the edges' confidences")));

    /** Methods that override a method of a base class (its nearest definition in the MRO). */
    public static final View OVERRIDES = new View("overrides",
            "one row per OVERRIDES edge: a method and the method of a base class it overrides", """
            SELECT x.repo, x.path, m.symbol AS overriding, x.target AS overridden, m.start_line AS line
            FROM xrefs x JOIN symbols m ON m.def_node_id = x.src_id
            WHERE x.kind = 'OVERRIDES'""", List.of(
            req("repo", STRING, "repository id"),
            req("path", STRING, "the overriding method's file"),
            req("overriding", STRING, "symbol of the overriding method"),
            req("overridden", STRING, "symbol of the overridden method"),
            req("line", INT, "1-based line of the overriding def")));

    /** Names nothing binds, and imports of modules the repository lacks, counted per file. */
    public static final View UNRESOLVED_NAMES = new View("unresolved_names",
            "per file and name: names nothing binds (not a builtin either), and imports of modules below a package of the repository that do not exist", """
            SELECT n.repo, n.path, n.name, 'unbound name' AS reason, COUNT(*) AS occurrences
            FROM cpg_nodes n
            JOIN cpg_props p ON p.entity_id = n.node_id AND p.key = 'external_kind' AND p.value_string = 'unresolved'
            JOIN cpg_edges r ON r.kind = 'REFERS_TO' AND r.dst_id = n.node_id
            GROUP BY n.repo, n.path, n.name
            UNION ALL
            SELECT repo, path, target AS name, 'missing module' AS reason, COUNT(*) AS occurrences
            FROM xrefs
            WHERE target_kind = 'UNRESOLVED' AND kind = 'RESOLVES_TO'
            GROUP BY repo, path, target""", List.of(
            req("repo", STRING, "repository id"),
            opt("path", STRING, "the file"),
            opt("name", STRING, "the name, or the module that is missing"),
            req("reason", STRING, "unbound name or missing module"),
            req("occurrences", LONG, "how often in the file")));

    /**
     * Functions, methods and classes nothing uses: no cross-file or in-file edge reaches their symbol, no
     * name of their file reads a variable of their name, and no attribute anywhere in the repository has
     * their name (an unresolved {@code x.name} might be them: kept out, so the list errs toward live).
     * Entry points are left out: dunders, {@code main}, {@code test*}/{@code Test*}, methods that override.
     */
    public static final View DEAD_DEFINITIONS = new View("dead_definitions",
            "functions, methods and classes no reference, call, import or attribute anywhere reaches (entry points and dunders excluded)", """
            SELECT s.repo, s.path, s.symbol, s.kind, s.name, s.start_line
            FROM symbols s
            WHERE s.kind IN ('FUNCTION', 'METHOD', 'CLASS')
              AND NOT (s.name LIKE '!_!_%!_!_' ESCAPE '!')
              AND s.name <> 'main' AND s.name NOT LIKE 'test%' AND s.name NOT LIKE 'Test%'
              AND NOT EXISTS (SELECT 1 FROM xrefs x WHERE x.repo = s.repo AND x.target = s.symbol AND x.kind <> 'OVERRIDES')
              AND NOT EXISTS (SELECT 1 FROM xrefs o WHERE o.kind = 'OVERRIDES' AND o.src_id = s.def_node_id)
              AND NOT EXISTS (SELECT 1 FROM cpg_nodes a WHERE a.kind = 'ATTRIBUTE' AND a.repo = s.repo AND a.name = s.name)
              AND NOT EXISTS (SELECT 1 FROM cpg_edges r
                JOIN cpg_nodes v ON v.node_id = r.dst_id AND v.kind = 'VARIABLE'
                JOIN cpg_props acc ON acc.entity_id = r.edge_id AND acc.key = 'access' AND acc.value_string = 'read'
                WHERE r.kind = 'REFERS_TO' AND v.repo = s.repo AND v.path = s.path AND v.name = s.name)""", List.of(
            req("repo", STRING, "repository id"),
            req("path", STRING, "the defining file"),
            req("symbol", STRING, "the definition's symbol"),
            req("kind", STRING, "FUNCTION, METHOD or CLASS"),
            req("name", STRING, "its name"),
            req("start_line", INT, "1-based line of the definition")));

    /** One row per file: its status, sizes and what it defines, imports and calls. */
    public static final View FILE_SUMMARIES = new View("file_summaries",
            "one row per file: parse status, lines, rows, definitions, imports and calls (resolved inside the repository or not)", """
            SELECT f.repo, f.path, f.`language`, f.parse_status, f.line_count, f.node_rows, f.edge_rows, f.error_rows,
              COALESCE(d.class_count, 0) AS class_count, COALESCE(d.function_count, 0) AS function_count,
              COALESCE(x.import_count, 0) AS import_count, COALESCE(x.call_count, 0) AS call_count, COALESCE(x.calls_in_repo, 0) AS calls_in_repo,
              COALESCE(x.missing_modules, 0) AS missing_modules
            FROM files f
            LEFT JOIN (SELECT repo, path,
                SUM(CASE WHEN kind = 'CLASS' THEN 1 ELSE 0 END) AS class_count,
                SUM(CASE WHEN kind IN ('FUNCTION', 'METHOD') THEN 1 ELSE 0 END) AS function_count
              FROM symbols GROUP BY repo, path) d ON d.repo = f.repo AND d.path = f.path
            LEFT JOIN (SELECT repo, path,
                SUM(CASE WHEN kind = 'IMPORTS' THEN 1 ELSE 0 END) AS import_count,
                SUM(CASE WHEN kind = 'CALLS' THEN 1 ELSE 0 END) AS call_count,
                SUM(CASE WHEN kind = 'CALLS' AND target_kind IN ('FUNCTION', 'METHOD', 'CLASS') THEN 1 ELSE 0 END) AS calls_in_repo,
                SUM(CASE WHEN kind = 'RESOLVES_TO' AND target_kind = 'UNRESOLVED' THEN 1 ELSE 0 END) AS missing_modules
              FROM xrefs GROUP BY repo, path) x ON x.repo = f.repo AND x.path = f.path""", List.of(
            req("repo", STRING, "repository id"),
            req("path", STRING, "the file"),
            req("language", STRING, "its language"),
            req("parse_status", STRING, "ok, syntax_errors, skipped_binary, skipped_too_large, failed"),
            opt("line_count", INT, "its lines"),
            req("node_rows", INT, "its rows in cpg_nodes"),
            req("edge_rows", INT, "its rows in cpg_edges"),
            req("error_rows", INT, "its rows in extract_errors"),
            req("class_count", INT, "classes it defines (symbols)"),
            req("function_count", INT, "functions and methods it defines (symbols)"),
            req("import_count", INT, "its IMPORTS edges"),
            req("call_count", INT, "its CALLS edges"),
            req("calls_in_repo", INT, "of them, to a definition of the repository"),
            req("missing_modules", INT, "imported names of modules the repository should have and lacks")));

    /** In dependency order: a view comes after the views it reads. */
    public static final List<View> VIEWS = List.of(SYNTAX_EDGES, ALL_EDGES, CALLS, IMPORT_GRAPH, CLASS_HIERARCHY, OVERRIDES,
            UNRESOLVED_NAMES, DEAD_DEFINITIONS, FILE_SUMMARIES);

    private CpgViews() {
    }
}
