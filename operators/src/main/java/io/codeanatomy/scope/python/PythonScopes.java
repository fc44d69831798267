package io.codeanatomy.scope.python;

import io.codeanatomy.scope.ScopeModel;

import io.codeanatomy.extract.SyntaxTree;

/**
 * The scope analysis layer for Python: scopes, bindings and resolved name occurrences of one file, by
 * CPython 3.11's rules, read off the tree-sitter tree alone (no Python needed). Linear in the tree, no
 * recursion (files nest thousands of blocks deep), and syntax errors only lose the names inside ERROR nodes.
 */
public final class PythonScopes {
    private PythonScopes() {
    }

    public static ScopeModel analyze(SyntaxTree tree) {
        return NameResolution.resolve(ScopeWalk.of(tree));
    }
}
