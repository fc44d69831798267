package io.codeanatomy.extract;

import io.codeanatomy.cpg.EdgeKind;

import java.util.Map;
import java.util.TreeMap;

/**
 * An edge a layer decided, between two nodes named by identity (kind, name for SYNTAX and EXTERNAL,
 * span): the row builder turns both ends into node ids, so layers never deal in ids.
 */
public final class ExtractedEdge {
    public final EdgeKind kind;
    public final ExtractedNode src;
    public final ExtractedNode dst;
    /** The evidence layer that decided the edge ({@code tree-sitter}, {@code scope}, {@code align}, ...). */
    public final String origin;
    /** In [0, 1]: 1 for syntax facts and resolutions both layers agree on. */
    public final double confidence;
    /** Typed properties (String, Long or Boolean values), sorted by key for stable output. */
    public final Map<String, Object> props = new TreeMap<>();

    public ExtractedEdge(EdgeKind kind, ExtractedNode src, ExtractedNode dst, String origin, double confidence) {
        this.kind = kind;
        this.src = src;
        this.dst = dst;
        this.origin = origin;
        this.confidence = confidence;
    }

    public ExtractedEdge prop(String key, Object value) {
        if (value != null) {
            props.put(key, value);
        }
        return this;
    }
}
