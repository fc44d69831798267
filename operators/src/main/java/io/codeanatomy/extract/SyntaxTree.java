package io.codeanatomy.extract;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A whole concrete syntax tree as flat arrays, copied out of tree-sitter in one walk: node {@code i}
 * in pre-order (0 is the root), with its grammar type, byte span, parent, field name and flags.
 * Everything after the walk is plain Java (no native calls per question, nothing that can outlive
 * the native tree), which is what lets the typed extraction and the scope layer share one tree.
 */
public final class SyntaxTree {
    private static final byte NAMED = 1;
    private static final byte ERROR = 2;
    private static final byte MISSING = 4;

    private final byte[] source;
    private final String[] typeNames;
    private final String[] fieldNames;
    private int size;
    private int[] type;
    private int[] start;
    private int[] end;
    private int[] parent;
    private int[] field;
    private int[] firstChild;
    private int[] nextSibling;
    private byte[] flags;
    private int[] lastChild;

    /**
     * @param typeNames grammar type name by type id
     * @param fieldNames field name by field id (id 0 means no field)
     */
    public SyntaxTree(byte[] source, String[] typeNames, String[] fieldNames) {
        this(source, typeNames, fieldNames, 256);
    }

    /** @param capacity nodes to make room for (grows past it) */
    public SyntaxTree(byte[] source, String[] typeNames, String[] fieldNames, int capacity) {
        this.source = source;
        this.typeNames = typeNames;
        this.fieldNames = fieldNames;
        int n = Math.max(capacity, 16);
        type = new int[n];
        start = new int[n];
        end = new int[n];
        parent = new int[n];
        field = new int[n];
        firstChild = new int[n];
        nextSibling = new int[n];
        flags = new byte[n];
        lastChild = new int[n];
    }

    /** Appends a node (parents before children, children in source order); returns its index. */
    public int add(int typeId, int bstart, int bend, int parentIndex, int fieldId, boolean named, boolean error,
                   boolean missing) {
        if (size == type.length) {
            grow();
        }
        int i = size++;
        type[i] = typeId;
        start[i] = bstart;
        end[i] = bend;
        parent[i] = parentIndex;
        field[i] = fieldId;
        firstChild[i] = -1;
        lastChild[i] = -1;
        nextSibling[i] = -1;
        flags[i] = (byte) ((named ? NAMED : 0) | (error ? ERROR : 0) | (missing ? MISSING : 0));
        if (parentIndex >= 0) {
            if (firstChild[parentIndex] < 0) {
                firstChild[parentIndex] = i;
            } else {
                nextSibling[lastChild[parentIndex]] = i;
            }
            lastChild[parentIndex] = i;
        }
        return i;
    }

    private void grow() {
        int n = type.length * 2;
        type = Arrays.copyOf(type, n);
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        parent = Arrays.copyOf(parent, n);
        field = Arrays.copyOf(field, n);
        firstChild = Arrays.copyOf(firstChild, n);
        lastChild = Arrays.copyOf(lastChild, n);
        nextSibling = Arrays.copyOf(nextSibling, n);
        flags = Arrays.copyOf(flags, n);
    }

    public byte[] source() {
        return source;
    }

    public int size() {
        return size;
    }

    public String type(int i) {
        return typeNames[type[i]];
    }

    public boolean is(int i, String typeName) {
        return i >= 0 && typeNames[type[i]].equals(typeName);
    }

    public int start(int i) {
        return start[i];
    }

    public int end(int i) {
        return end[i];
    }

    /** The parent's index, or -1 for the root. */
    public int parent(int i) {
        return parent[i];
    }

    /** The field this node fills in its parent ({@code name}, {@code body}, ...), or null. */
    public String field(int i) {
        return fieldNames[field[i]];
    }

    public boolean isNamed(int i) {
        return (flags[i] & NAMED) != 0;
    }

    public boolean isError(int i) {
        return (flags[i] & ERROR) != 0;
    }

    public boolean isMissing(int i) {
        return (flags[i] & MISSING) != 0;
    }

    /** First child (named or not), or -1. */
    public int firstChild(int i) {
        return firstChild[i];
    }

    /** Next sibling (named or not), or -1. */
    public int nextSibling(int i) {
        return nextSibling[i];
    }

    /** First named child, or -1. */
    public int firstNamedChild(int i) {
        int c = firstChild[i];
        while (c >= 0 && !isNamed(c)) {
            c = nextSibling[c];
        }
        return c;
    }

    /** Next named sibling, or -1. */
    public int nextNamedSibling(int i) {
        int c = nextSibling[i];
        while (c >= 0 && !isNamed(c)) {
            c = nextSibling[c];
        }
        return c;
    }

    /** The first child filling {@code fieldName}, or -1. */
    public int child(int i, String fieldName) {
        for (int c = firstChild[i]; c >= 0; c = nextSibling[c]) {
            if (fieldName.equals(fieldNames[field[c]])) {
                return c;
            }
        }
        return -1;
    }

    /** The node's text, decoded as UTF-8 (invalid bytes become U+FFFD). */
    public String text(int i) {
        return new String(source, start[i], end[i] - start[i], StandardCharsets.UTF_8);
    }

    /** Whether the node's text starts with the ASCII {@code prefix} (no decoding). */
    public boolean textStartsWith(int i, String prefix) {
        if (end[i] - start[i] < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (source[start[i] + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
