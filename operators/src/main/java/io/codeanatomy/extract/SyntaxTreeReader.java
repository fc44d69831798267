package io.codeanatomy.extract;

import io.codeanatomy.extract.treesitter.FlatTree;
import io.codeanatomy.extract.treesitter.NativeTreeSitter;

import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSSymbolType;
import org.treesitter.TSTreeCursor;

/**
 * Copies a tree-sitter tree into a {@link SyntaxTree}: from a {@link FlatTree} the native path
 * returned (no native call at all), or with one cursor walk through the stock bindings (a handful of
 * native calls per node). Type names and namedness come from per-language tables built once; both
 * ways map a node to the same type, flags and field.
 */
public final class SyntaxTreeReader {
    /** tree-sitter's builtin ERROR symbol ({@code ts_builtin_sym_error}, (uint16) -1). */
    private static final int ERROR_SYMBOL = 65535;

    private final String[] typeNames;
    private final boolean[] named;
    private final String[] fieldNames;
    private final int errorType;

    public SyntaxTreeReader(TSLanguage language) {
        int symbols = language.symbolCount();
        typeNames = new String[symbols + 1];
        named = new boolean[symbols + 1];
        for (int s = 0; s < symbols; s++) {
            typeNames[s] = language.symbolName(s);
            named[s] = language.symbolType(s) == TSSymbolType.TSSymbolTypeRegular;
        }
        errorType = symbols; // ERROR gets the slot past the grammar's own symbols
        typeNames[errorType] = "ERROR";
        named[errorType] = true;
        int fields = language.fieldCount();
        fieldNames = new String[fields + 1];
        for (int f = 1; f <= fields; f++) {
            fieldNames[f] = language.fieldNameForId(f);
        }
    }

    /** Whether the native library's grammar is this reader's: the flat trees it returns are then readable here. */
    public boolean readsTreesOf(NativeTreeSitter library) {
        boolean[] regular = java.util.Arrays.copyOf(named, errorType);
        return library.sameGrammar(java.util.Arrays.copyOf(typeNames, errorType), regular, fieldNames);
    }

    /** Reads a tree the native path returned (already in pre-order). */
    public SyntaxTree read(FlatTree flat, byte[] source) {
        SyntaxTree tree = new SyntaxTree(source, typeNames, fieldNames, flat.size());
        for (int i = 0; i < flat.size(); i++) {
            add(tree, flat.symbol(i), flat.start(i), flat.end(i), flat.parent(i), flat.field(i), flat.missing(i));
        }
        return tree;
    }

    /** Walks the tree under {@code root} in pre-order. The caller still owns (and closes) the native tree. */
    public SyntaxTree read(TSNode root, byte[] source) {
        SyntaxTree tree = new SyntaxTree(source, typeNames, fieldNames, 256);
        boolean errors = root.hasError(); // only then are MISSING flags worth a native call per node
        int[] parents = new int[64];
        int depth = 0;
        try (TSTreeCursor cursor = new TSTreeCursor(root)) {
            int current = add(tree, cursor, -1, errors);
            while (true) {
                if (cursor.gotoFirstChild()) {
                    if (depth == parents.length) {
                        parents = java.util.Arrays.copyOf(parents, depth * 2);
                    }
                    parents[depth++] = current;
                    current = add(tree, cursor, parents[depth - 1], errors);
                    continue;
                }
                while (!cursor.gotoNextSibling()) {
                    if (depth == 0 || !cursor.gotoParent()) {
                        return tree;
                    }
                    depth--;
                }
                current = add(tree, cursor, parents[depth - 1], errors);
            }
        }
    }

    private int add(SyntaxTree tree, TSTreeCursor cursor, int parent, boolean errors) {
        TSNode node = cursor.currentNode();
        return add(tree, node.getSymbol(), node.getStartByte(), node.getEndByte(), parent, cursor.currentFieldId(),
                errors && node.isMissing());
    }

    private int add(SyntaxTree tree, int symbol, int start, int end, int parent, int fieldId, boolean missing) {
        boolean error = symbol == ERROR_SYMBOL;
        int typeId = error || symbol >= errorType ? errorType : symbol;
        return tree.add(typeId, start, end, parent, fieldId, error || named[typeId], error, missing);
    }
}
