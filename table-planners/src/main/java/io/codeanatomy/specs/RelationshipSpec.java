package io.codeanatomy.specs;

import java.util.List;
import java.util.Map;

/**
 * How a relationship is derived from the tables: two filtered inputs, an equi-join (and a span
 * predicate) between them, and the edge that each joined pair emits, from a column of the left input
 * to a column of the right. The edge is owned by the left input's row (its repo, path and commit).
 * Loaded from JSON by {@link SpecLoader}, compiled by {@link SpecCompiler}.
 */
public record RelationshipSpec(String name, String description, Emits emits, Map<String, Input> inputs, Join join, Edge edge) {

    /** The edge kind, its origin and confidence. */
    public record Emits(String kind, String origin, double confidence) {
    }

    /** A table of the catalog and a SQL condition on its columns. */
    public record Input(String table, String where) {
    }

    /** Which input is left and right, the column pairs that must be equal, a span predicate, which matches to keep. */
    public record Join(String left, String right, List<List<String>> on, Span span, Keep keep) {
    }

    /** A span predicate on the inputs' [bstart, bend) spans. */
    public enum Span {
        NONE, RIGHT_CONTAINS_LEFT, LEFT_CONTAINS_RIGHT, OVERLAPS
    }

    /** Every match, or per left row only its nearest right row (the shortest span, then the latest start). */
    public enum Keep {
        ALL, NEAREST
    }

    /** The edge's source column (of the left input) and destination column (of the right input). */
    public record Edge(String src, String dst) {
    }
}
