package io.codeanatomy.schema;

import java.util.List;
import java.util.Map;

/**
 * The questions people ask of the graph, as SQL over the tables (standard SQL that Spark SQL and Flink
 * SQL both run), defined once: docs/cross-file.md shows them, and the interop tests run them in Spark
 * on real tables. A parameter is written {@code {name}} and is a string literal when filled in.
 */
public final class CpgQueries {
    /** One query: its name, what it answers, its SQL with {@code {parameter}} placeholders. */
    public record Query(String name, String question, String sql) {
        /** The SQL with every {@code {parameter}} replaced by a quoted string literal. */
        public String bind(Map<String, String> parameters) {
            String out = sql;
            for (Map.Entry<String, String> p : parameters.entrySet()) {
                out = out.replace("{" + p.getKey() + "}", "'" + p.getValue().replace("'", "''") + "'");
            }
            if (out.matches("(?s).*\\{[a-z_]+}.*")) {
                throw new IllegalArgumentException("query " + name + " needs a parameter it was not given: " + out);
            }
            return out;
        }
    }

    public static final Query CALLERS = new Query("callers",
            "the call sites of a function or method, by symbol",
            "SELECT x.path, n.start_line, n.name AS call, x.resolution, x.confidence\n"
                    + "FROM xrefs x JOIN cpg_nodes n ON n.node_id = x.src_id\n"
                    + "WHERE x.kind = 'CALLS' AND x.target = {symbol}\n"
                    + "ORDER BY x.path, n.start_line");

    public static final Query CALLEES = new Query("callees",
            "what a function or method calls, by symbol (its calls, resolved)",
            "SELECT DISTINCT x.target, x.target_kind, x.resolution\n"
                    + "FROM symbols s\n"
                    + "JOIN cpg_edges e ON e.kind = 'ENCLOSED_BY' AND e.dst_id = s.def_node_id\n"
                    + "JOIN xrefs x ON x.kind = 'CALLS' AND x.src_id = e.src_id\n"
                    + "WHERE s.symbol = {symbol}\n"
                    + "ORDER BY x.target");

    public static final Query IMPORTS = new Query("imports",
            "the modules a module imports (module symbols, or dotted names outside the repository)",
            "SELECT DISTINCT x.target, x.target_kind\n"
                    + "FROM symbols m JOIN xrefs x ON x.path = m.path AND x.kind = 'IMPORTS'\n"
                    + "WHERE m.kind = 'MODULE' AND m.symbol = {module}\n"
                    + "ORDER BY x.target");

    public static final Query IMPORTERS = new Query("importers",
            "the modules that import a module",
            "SELECT DISTINCT m.symbol AS importer\n"
                    + "FROM xrefs x JOIN symbols m ON m.path = x.path AND m.kind = 'MODULE'\n"
                    + "WHERE x.kind = 'IMPORTS' AND x.target = {module}\n"
                    + "ORDER BY importer");

    public static final Query BASES = new Query("bases",
            "the base classes of a class (EXTERNAL ones by their dotted name)",
            "SELECT x.target AS base, x.target_kind\n"
                    + "FROM symbols c JOIN xrefs x ON x.kind = 'INHERITS' AND x.src_id = c.def_node_id\n"
                    + "WHERE c.symbol = {class}\n"
                    + "ORDER BY base");

    public static final Query SUBCLASSES = new Query("subclasses",
            "the classes of the repository that derive from a class, directly or through up to two more",
            "SELECT DISTINCT c.symbol AS subclass\n"
                    + "FROM xrefs x JOIN symbols c ON c.def_node_id = x.src_id\n"
                    + "WHERE x.kind = 'INHERITS' AND (x.target = {class} OR x.target IN (\n"
                    + "  SELECT c2.symbol FROM xrefs x2 JOIN symbols c2 ON c2.def_node_id = x2.src_id\n"
                    + "  WHERE x2.kind = 'INHERITS' AND (x2.target = {class} OR x2.target IN (\n"
                    + "    SELECT c3.symbol FROM xrefs x3 JOIN symbols c3 ON c3.def_node_id = x3.src_id\n"
                    + "    WHERE x3.kind = 'INHERITS' AND x3.target = {class}))))\n"
                    + "ORDER BY subclass");

    public static final Query OVERRIDES = new Query("overrides",
            "the methods that override a method",
            "SELECT m.symbol AS override\n"
                    + "FROM xrefs x JOIN symbols m ON m.def_node_id = x.src_id\n"
                    + "WHERE x.kind = 'OVERRIDES' AND x.target = {symbol}\n"
                    + "ORDER BY override");

    public static final Query UNRESOLVED = new Query("unresolved",
            "per file, the names nothing resolves: unbound names, and imports of what the repository lacks",
            "SELECT n.path, n.name, COUNT(*) AS occurrences\n"
                    + "FROM cpg_nodes n\n"
                    + "JOIN cpg_props p ON p.entity_id = n.node_id AND p.key = 'external_kind' AND p.value_string = 'unresolved'\n"
                    + "JOIN cpg_edges r ON r.kind = 'REFERS_TO' AND r.dst_id = n.node_id\n"
                    + "GROUP BY n.path, n.name\n"
                    + "UNION ALL\n"
                    + "SELECT path, target AS name, COUNT(*) AS occurrences FROM xrefs\n"
                    + "WHERE target_kind = 'UNRESOLVED' AND kind = 'RESOLVES_TO'\n"
                    + "GROUP BY path, target\n"
                    + "ORDER BY path, name");

    public static final List<Query> ALL = List.of(CALLERS, CALLEES, IMPORTS, IMPORTERS, BASES, SUBCLASSES, OVERRIDES,
            UNRESOLVED);

    private CpgQueries() {
    }
}
