package io.codeanatomy.extract;

import io.codeanatomy.cpg.NodeKind;

import java.util.Map;
import java.util.TreeMap;

/** A node an extractor found: plain values copied out of the parser, never parser objects. */
public final class ExtractedNode {
    public final NodeKind kind;
    public final String name;
    public final int bstart;
    public final int bend;
    /**
     * Typed properties (String, Long or Boolean values), sorted by key for stable output. Read-only
     * here (add with {@link #prop}); empty and shared until the first one, since most nodes have none
     * and a dense file has millions of nodes.
     */
    public Map<String, Object> props = Map.of();

    public ExtractedNode(NodeKind kind, String name, int bstart, int bend) {
        this.kind = kind;
        this.name = name;
        this.bstart = bstart;
        this.bend = bend;
    }

    public ExtractedNode prop(String key, Object value) {
        if (value != null) {
            if (props.isEmpty()) {
                props = new TreeMap<>();
            }
            props.put(key, value);
        }
        return this;
    }
}
