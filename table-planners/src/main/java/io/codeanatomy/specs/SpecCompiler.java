package io.codeanatomy.specs;

import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.schema.CpgViews;

import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;

import java.util.ArrayList;
import java.util.List;

/**
 * A relationship spec as a query with the columns of {@code cpg_edges}: the two filtered inputs
 * joined on their column pairs and span predicate, each match one edge owned by the left row (its
 * repo, path and commit), with the edge id the row writer computes; {@code keep: nearest} keeps per
 * left row the right row with the shortest span (then the latest start). Published as a view, or run
 * in batch to rebuild the edges.
 */
public final class SpecCompiler {
    private SpecCompiler() {
    }

    /** The view a shipped spec is published as. */
    public static String viewName(RelationshipSpec spec) {
        return "rel_" + spec.name();
    }

    /** The spec as a Table of the environment, whose current catalog holds the CPG tables. */
    public static Table compile(TableEnvironment env, RelationshipSpec spec) {
        return env.sqlQuery(sql(spec));
    }

    /** The spec as Flink SQL over the tables by name. */
    public static String sql(RelationshipSpec spec) {
        RelationshipSpec.Join j = spec.join();
        RelationshipSpec.Input left = spec.inputs().get(j.left());
        RelationshipSpec.Input right = spec.inputs().get(j.right());
        TableSpec leftTable = SpecLoader.table(left.table());
        List<String> conditions = new ArrayList<>();
        for (List<String> pair : j.on()) {
            conditions.add("l." + quoted(pair.get(0)) + " = r." + quoted(pair.get(1)));
        }
        switch (j.span()) {
            case RIGHT_CONTAINS_LEFT -> conditions.add("r.bstart <= l.bstart AND l.bend <= r.bend");
            case LEFT_CONTAINS_RIGHT -> conditions.add("l.bstart <= r.bstart AND r.bend <= l.bend");
            case OVERLAPS -> conditions.add("l.bstart < r.bend AND r.bstart < l.bend");
            case NONE -> {
            }
        }
        String commit = leftTable.columns().stream().anyMatch(c -> c.name().equals("commit")) ? "l.`commit`" : "CAST(NULL AS STRING)";
        StringBuilder inner = new StringBuilder("SELECT l.repo, l.path, l." + quoted(spec.edge().src()) + " AS src_id, r."
                + quoted(spec.edge().dst()) + " AS dst_id, " + commit + " AS `commit`");
        if (j.keep() == RelationshipSpec.Keep.NEAREST) {
            List<String> key = new ArrayList<>();
            for (String k : leftTable.primaryKey()) {
                key.add("l." + quoted(k));
            }
            inner.append(", ROW_NUMBER() OVER (PARTITION BY ").append(String.join(", ", key))
                    .append(" ORDER BY r.bend - r.bstart, r.bstart DESC) AS nearest_rank");
        }
        inner.append("\nFROM ").append(input(left)).append(" l\nJOIN ").append(input(right)).append(" r\n  ON ")
                .append(String.join(" AND ", conditions));
        String kind = literal(spec.emits().kind());
        return "SELECT repo, path, " + CpgViews.edgeIdSql("repo", "path", kind, "src_id", "dst_id") + " AS edge_id, "
                + kind + " AS kind, src_id, dst_id, " + literal(spec.emits().origin()) + " AS origin, CAST("
                + spec.emits().confidence() + " AS DOUBLE) AS confidence, `commit`\nFROM (" + inner + ")"
                + (j.keep() == RelationshipSpec.Keep.NEAREST ? "\nWHERE nearest_rank = 1" : "");
    }

    private static String input(RelationshipSpec.Input in) {
        return "(SELECT * FROM " + quoted(in.table()) + (in.where() == null ? "" : " WHERE " + in.where()) + ")";
    }

    private static String quoted(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static String literal(String text) {
        return "CAST('" + text.replace("'", "''") + "' AS STRING)";
    }
}
