package io.codeanatomy.extract.treesitter;

/**
 * A tree as the native path returns it: plain ints, nodes in pre-order. The layout is
 * {@code flat_tree.c}'s: a header of {@value #HEADER_INTS} ints (node count, root-has-error), then
 * {@value #NODE_INTS} ints per node (symbol, start byte, end byte, parent, field id, flags).
 */
public final class FlatTree {
    static final int HEADER_INTS = 2;
    static final int NODE_INTS = 6;
    private static final int FLAG_MISSING = 1;

    private final int[] ints;

    FlatTree(int[] ints) {
        if (ints.length < HEADER_INTS || ints.length != HEADER_INTS + NODE_INTS * ints[0]) {
            throw new IllegalStateException("malformed flat tree: " + ints.length + " ints for " + (ints.length > 0 ? ints[0] : -1) + " nodes");
        }
        this.ints = ints;
    }

    public int size() {
        return ints[0];
    }

    public boolean hasError() {
        return ints[1] != 0;
    }

    /** The grammar symbol; 65535 ({@code ts_builtin_sym_error}) for ERROR nodes. */
    public int symbol(int node) {
        return ints[HEADER_INTS + NODE_INTS * node];
    }

    public int start(int node) {
        return ints[HEADER_INTS + NODE_INTS * node + 1];
    }

    public int end(int node) {
        return ints[HEADER_INTS + NODE_INTS * node + 2];
    }

    /** The parent's index, -1 for the root. */
    public int parent(int node) {
        return ints[HEADER_INTS + NODE_INTS * node + 3];
    }

    /** The field id under the parent, 0 for none. */
    public int field(int node) {
        return ints[HEADER_INTS + NODE_INTS * node + 4];
    }

    public boolean missing(int node) {
        return (ints[HEADER_INTS + NODE_INTS * node + 5] & FLAG_MISSING) != 0;
    }
}
