package io.codeanatomy.extract.python;

import io.codeanatomy.extract.ExtractedNode;
import io.codeanatomy.extract.SyntaxTree;

/**
 * What a name's binding says about the type of its value, as NAME props the linker reads:
 * {@code annotation} ({@code bstart:dotted} or {@code @:dotted}, see {@link TypeAnnotation}) for
 * {@code x: Foo = ...}, {@code x: Foo} and {@code except Foo as x}; {@code value_call}
 * ({@code bstart:dotted}) for {@code x = foo.Bar(...)} (and each target of {@code x = y = foo.Bar(...)}),
 * whose value is what calling that name gives; {@code value_alias} ({@code bstart:dotted}) for
 * {@code x = foo.Bar}, a second name for what the dotted name means ({@code _PyFuture = Future}).
 * The same two props on a PARAMETER say what its default is, and on a FUNCTION without a return
 * annotation what its first {@code return} of a name or a call gives.
 */
final class ValueType {
    private ValueType() {
    }

    /** {@code value_call} for a call of a dotted name, {@code value_alias} for a dotted name, nothing for any other value. */
    static void ofValue(SyntaxTree tree, int value, ExtractedNode node) {
        if (value >= 0 && tree.is(value, "call")) {
            int callee = tree.child(value, "function");
            node.prop("value_call", callee >= 0 && (tree.is(callee, "identifier") || tree.is(callee, "attribute"))
                    ? TypeAnnotation.className(tree, callee) : null);
        } else if (value >= 0 && (tree.is(value, "identifier") || tree.is(value, "attribute"))) {
            node.prop("value_alias", TypeAnnotation.className(tree, value));
        }
    }

    /**
     * The value of the first {@code return} in a function body (in source order, outside nested
     * functions, classes and lambdas) that returns a dotted name or a call, or -1.
     */
    static int firstReturnValue(SyntaxTree tree, int body) {
        java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
        if (body >= 0) {
            stack.push(body);
        }
        while (!stack.isEmpty()) {
            int node = stack.pop();
            if (tree.is(node, "return_statement")) {
                int value = tree.firstNamedChild(node);
                if (value >= 0 && (tree.is(value, "call") || tree.is(value, "identifier") || tree.is(value, "attribute"))) {
                    return value;
                }
                continue;
            }
            if (tree.is(node, "function_definition") || tree.is(node, "class_definition") || tree.is(node, "lambda")) {
                continue;
            }
            java.util.List<Integer> children = new java.util.ArrayList<>();
            for (int c = tree.firstNamedChild(node); c >= 0; c = tree.nextNamedSibling(c)) {
                children.add(c);
            }
            for (int k = children.size() - 1; k >= 0; k--) {
                stack.push(children.get(k));
            }
        }
        return -1;
    }

    /** For an identifier, or the attribute of {@code self.x = ...}: the props its binding gives it. */
    static void of(SyntaxTree tree, int identifier, ExtractedNode name) {
        int parent = tree.parent(identifier);
        if (parent < 0) {
            return;
        }
        if (tree.is(parent, "assignment") && tree.child(parent, "left") == identifier) {
            int type = tree.child(parent, "type");
            if (type >= 0) {
                name.prop("annotation", TypeAnnotation.className(tree, type));
                return;
            }
            int right = tree.child(parent, "right");
            while (right >= 0 && tree.is(right, "assignment")) {
                right = tree.child(right, "right"); // a = b = Foo(): every target gets the innermost value
            }
            ofValue(tree, right, name);
            return;
        }
        if (tree.is(parent, "as_pattern_target")) {
            int pattern = tree.parent(parent);
            if (pattern >= 0 && tree.is(pattern, "as_pattern") && tree.parent(pattern) >= 0
                    && tree.is(tree.parent(pattern), "except_clause")) {
                name.prop("annotation", TypeAnnotation.className(tree, tree.firstNamedChild(pattern)));
            }
        }
    }
}
