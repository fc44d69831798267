package io.codeanatomy.schema;

import io.codeanatomy.delta.schema.TableSet;
import io.codeanatomy.delta.schema.TableSpec;

import java.util.List;

import static io.codeanatomy.delta.schema.ColumnType.BOOLEAN;
import static io.codeanatomy.delta.schema.ColumnType.DOUBLE;
import static io.codeanatomy.delta.schema.ColumnType.INT;
import static io.codeanatomy.delta.schema.ColumnType.LONG;
import static io.codeanatomy.delta.schema.ColumnType.STRING;

/**
 * The CPG tables, defined once. Row builders, the Delta sink, readers and docs/schema.md all follow
 * this registry. Every CPG table is owned by (repo, path) and carries the commit that produced it;
 * repo_heads rows belong to the repository itself, with the empty path. (The sink's own
 * {@code commits} table is not in this registry and is not owned.)
 */
public final class CpgSchema {
    public static final String FILES = "files";
    public static final String NODES = "cpg_nodes";
    public static final String EDGES = "cpg_edges";
    public static final String PROPS = "cpg_props";
    public static final String ERRORS = "extract_errors";
    public static final String REPO_HEADS = "repo_heads";
    public static final String SYMBOLS = "symbols";
    public static final String XREFS = "xrefs";

    public static final TableSpec FILES_TABLE = TableSpec.builder(FILES, "One row per indexed source file version.")
            .required("repo", STRING, "repository id (owner)")
            .required("path", STRING, "path inside the repository, '/'-separated (owner)")
            .required("blob_id", STRING, "git blob id (SHA-1 hex) of the file content")
            .optional("commit", STRING, "commit that produced the row; null for a plain directory")
            .required("language", STRING, "language of the file, e.g. python")
            .required("size_bytes", LONG, "size of the file in bytes")
            .optional("line_count", INT, "number of lines (a final line without newline counts); null when not read")
            .required("parse_status", STRING, "ok, syntax_errors, skipped_binary, skipped_too_large, failed")
            .required("node_rows", INT, "rows this file version has in cpg_nodes")
            .required("edge_rows", INT, "rows this file version has in cpg_edges")
            .required("prop_rows", INT, "rows this file version has in cpg_props")
            .required("error_rows", INT, "rows this file version has in extract_errors")
            .required("symbol_rows", INT, "rows this file version has in symbols")
            .optional("link_summary", STRING, "what the cross-file linker needs of the file (its imports, module-level "
                    + "bindings, __all__), in the text form of docs/cross-file.md; null for files without one")
            .mostlyDistinct("path", "blob_id", "link_summary")
            .primaryKey("repo", "path")
            .build();

    public static final TableSpec NODES_TABLE = TableSpec.builder(NODES, "One row per CPG node.")
            .required("repo", STRING, "repository id (owner)")
            .required("path", STRING, "owning file")
            .required("node_id", STRING, "128-bit hex id: hash of (repo, path), then of (repo, path, kind, bstart, bend); a SYNTAX node hashes "
                    + "SYNTAX:<grammar type> as its kind, an EXTERNAL node (repo, path, EXTERNAL, name); see docs/schema.md")
            .required("kind", STRING, "node kind, see docs/schema.md")
            .optional("name", STRING, "identifier or display name, if the node has one")
            .required("language", STRING, "language of the owning file")
            .required("bstart", LONG, "start byte offset into the file as stored in git (inclusive)")
            .required("bend", LONG, "end byte offset (exclusive)")
            .required("start_line", INT, "1-based line of bstart")
            .required("end_line", INT, "1-based line of the last byte of the span")
            .optional("parent_id", STRING, "nearest enclosing node (the SYNTAX_CHILD parent; the view cpg_syntax_edges)")
            .optional("commit", STRING, "commit that produced the row")
            .mostlyDistinct("node_id")
            .primaryKey("node_id")
            .build();

    public static final TableSpec EDGES_TABLE = TableSpec.builder(EDGES, "One row per CPG edge.")
            .required("repo", STRING, "repository id (owner)")
            .required("path", STRING, "owning file (the referencing file for cross-file edges)")
            .required("edge_id", STRING, "128-bit hex id: hash of (repo, path), then of (repo, path, kind, src_id, dst_id)")
            .required("kind", STRING, "edge kind, see docs/schema.md")
            .required("src_id", STRING, "source node id")
            .required("dst_id", STRING, "destination node id")
            .required("origin", STRING, "evidence layer that decided the edge, e.g. tree-sitter")
            .required("confidence", DOUBLE, "confidence in [0, 1]")
            .optional("commit", STRING, "commit that produced the row")
            .mostlyDistinct("edge_id")
            .primaryKey("edge_id")
            .build();

    public static final TableSpec PROPS_TABLE = TableSpec.builder(PROPS, "One row per (entity, key) property.")
            .required("repo", STRING, "repository id (owner)")
            .required("path", STRING, "owning file")
            .required("entity_id", STRING, "node or edge id")
            .required("key", STRING, "property name, see docs/schema.md")
            .required("value_type", STRING, "string, long or bool: which value column is set")
            .optional("value_string", STRING, "value when value_type = string")
            .optional("value_long", LONG, "value when value_type = long")
            .optional("value_bool", BOOLEAN, "value when value_type = bool")
            .optional("commit", STRING, "commit that produced the row")
            .primaryKey("entity_id", "key")
            .build();

    public static final TableSpec ERRORS_TABLE = TableSpec.builder(ERRORS, "One row per problem found in one file.")
            .required("repo", STRING, "repository id (owner)")
            .required("path", STRING, "file the problem is in")
            .required("error_id", STRING, "128-bit hex id: hash of (repo, path), then of (repo, path, stage, code, bstart, bend, message, occurrence among identical problems)")
            .required("stage", STRING, "pipeline stage or layer: source, parse, extract, scope, cpython, align")
            .required("code", STRING, "machine-readable problem code, see docs/schema.md")
            .required("message", STRING, "what went wrong, for people")
            .optional("bstart", LONG, "start byte of the problem, when it has a place")
            .optional("bend", LONG, "end byte (exclusive)")
            .optional("start_line", INT, "1-based line of bstart")
            .optional("commit", STRING, "commit that produced the row")
            .mostlyDistinct("error_id")
            .primaryKey("error_id")
            .build();

    public static final TableSpec SYMBOLS_TABLE = TableSpec.builder(SYMBOLS,
                    "One row per (symbol, defining node): the definitions a file makes, by position-free name.")
            .required("repo", STRING, "repository id (owner)")
            .required("path", STRING, "defining file")
            .required("symbol_id", STRING, "128-bit hex hash of (repo, language, symbol): stable while the symbol's name is")
            .required("symbol", STRING, "SCIP-style descriptor chain, e.g. `json.decoder`/JSONDecoder#decode(). (docs/schema.md)")
            .required("kind", STRING, "MODULE, CLASS, FUNCTION, METHOD, VARIABLE, ATTRIBUTE or PARAMETER")
            .required("name", STRING, "the defined name (the dotted module name for a MODULE)")
            .required("language", STRING, "language of the defining file")
            .required("def_node_id", STRING, "the node that defines it (CLASS, FUNCTION, VARIABLE, PARAMETER, MODULE)")
            .required("bstart", LONG, "start byte of the defining node")
            .required("bend", LONG, "end byte of the defining node (exclusive)")
            .required("start_line", INT, "1-based line of bstart")
            .optional("commit", STRING, "commit that produced the row")
            .mostlyDistinct("symbol_id", "symbol", "def_node_id")
            .primaryKey("symbol_id", "def_node_id")
            .build();

    public static final TableSpec XREFS_TABLE = TableSpec.builder(XREFS,
                    "One row per cross-file edge: a node of the referencing file to the symbol (or outside name) it resolves to. "
                            + "Kept by the linker, which sees every file: a file's new version does not replace these rows, "
                            + "the linker upserts and deletes them when a resolution changes.")
            .required("repo", STRING, "repository id (owner)")
            .required("path", STRING, "the referencing file")
            .required("edge_id", STRING, "128-bit hex id: hash of (repo, path), then of (repo, path, kind, src_id, dst_id)")
            .required("kind", STRING, "IMPORTS, RESOLVES_TO, REFERS_TO, CALLS, INHERITS or OVERRIDES, see docs/cross-file.md")
            .required("src_id", STRING, "node of the referencing file: the IMPORT, the import-bound VARIABLE, a star-import EXTERNAL, the ATTRIBUTE or keyword NAME, the CALL, the CLASS, the overriding FUNCTION")
            .required("dst_id", STRING, "symbols.symbol_id of the target; for a target outside the repository the same hash of its name")
            .required("target", STRING, "the target symbol (`pkg.mod`/f().) or, outside the repository, its dotted name (json.dumps)")
            .required("target_kind", STRING, "the target's symbols.kind, NAMESPACE, EXTERNAL (outside the repository) or UNRESOLVED")
            .required("resolution", STRING, "how it was resolved: import, reexport, star_import, submodule, external, unresolved, cycle, local, self, super, mro, constructor, ... (docs/cross-file.md)")
            .required("hops", INT, "re-export steps followed from the import to the target")
            .required("confidence", DOUBLE, "confidence in [0, 1]; alternatives split it")
            .optional("commit", STRING, "the referencing file's commit (its version whose names the row resolves)")
            .mostlyDistinct("edge_id")
            .primaryKey("edge_id")
            .maintainedByKey()
            .build();

    public static final TableSpec REPO_HEADS_TABLE = TableSpec.builder(REPO_HEADS,
                    "One row per indexed git repository: the commit the tables hold. Committed in the same checkpoint as "
                            + "that commit's last file, so a table version that has the row has all of the commit.")
            .required("repo", STRING, "repository id (owner, with the empty path)")
            .required("path", STRING, "always empty: the row belongs to the repository, not to a file")
            .optional("commit", STRING, "the commit the tables hold for this repository")
            .optional("branch", STRING, "the branch followed (null: the commit asked for by index)")
            .required("version", LONG, "how many commits of this repository have been indexed into the warehouse")
            .required("commit_time", LONG, "the commit's committer time, epoch milliseconds")
            .required("detected_at", LONG, "when the change source first saw the commit, epoch milliseconds")
            .primaryKey("repo")
            .build();

    /**
     * A file's manifest: for each table its rows go to besides {@code files}, the {@code files} column
     * counting them. The tables are committed one after another, so a checkpoint stopped between two
     * commits shows as a path whose rows in some table do not number what its {@code files} row says.
     */
    public record RowCount(String table, String column) {
    }

    public static final List<RowCount> ROW_COUNTS = List.of(new RowCount(NODES, "node_rows"),
            new RowCount(EDGES, "edge_rows"), new RowCount(PROPS, "prop_rows"), new RowCount(ERRORS, "error_rows"),
            new RowCount(SYMBOLS, "symbol_rows"));

    /**
     * All tables in their fixed order; the order is part of the in-flight record encoding, and the sink
     * commits them in it: repo_heads last, so a table version that shows a commit holds all of it.
     */
    public static final TableSet TABLES = new TableSet(List.of(FILES_TABLE, NODES_TABLE, EDGES_TABLE, PROPS_TABLE, ERRORS_TABLE,
            SYMBOLS_TABLE, XREFS_TABLE, REPO_HEADS_TABLE));

    private CpgSchema() {
    }
}
