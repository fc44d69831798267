package io.codeanatomy.extract;

import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSSymbolType;
import org.treesitter.TSTreeCursor;

/**
 * Copies a tree-sitter tree into a {@link SyntaxTree} with one cursor walk. Type names and
 * namedness come from per-language tables built once, so each node costs a handful of native calls.
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

    /** Walks the tree under {@code root} in pre-order. The caller still owns (and closes) the native tree. */
    public SyntaxTree read(TSNode root, byte[] source) {
        SyntaxTree tree = new SyntaxTree(source, typeNames, fieldNames);
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
        int symbol = node.getSymbol();
        boolean error = symbol == ERROR_SYMBOL;
        int typeId = error || symbol >= errorType ? errorType : symbol;
        boolean missing = errors && node.isMissing();
        return tree.add(typeId, node.getStartByte(), node.getEndByte(), parent, cursor.currentFieldId(),
                error || named[typeId], error, missing);
    }
}
