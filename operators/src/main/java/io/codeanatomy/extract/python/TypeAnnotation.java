package io.codeanatomy.extract.python;

import io.codeanatomy.extract.SyntaxTree;

/**
 * The class an annotation names, when it plainly names one: {@code Context}, {@code click.Context},
 * {@code "Context"} (a forward reference), {@code Context | None}, {@code Optional[Context]}. The value
 * is {@code bstart:dotted} (the dotted name's first identifier starts at bstart) or, for a string,
 * {@code @:dotted} (no identifier node: it is looked up as a module-level name). Anything else
 * (containers, unions of classes, {@code Any}) names no single class: null.
 */
final class TypeAnnotation {
    private TypeAnnotation() {
    }

    static String className(SyntaxTree tree, int node) {
        if (node < 0) {
            return null;
        }
        if (tree.is(node, "type")) {
            return className(tree, tree.firstNamedChild(node));
        }
        if (tree.is(node, "identifier") || tree.is(node, "attribute")) {
            String dotted = dotted(tree.text(node));
            return dotted == null || dotted.equals("None") ? null : tree.start(node) + ":" + dotted;
        }
        if (tree.is(node, "string")) {
            String text = tree.text(node);
            if (text.length() >= 2 && (text.charAt(0) == '"' || text.charAt(0) == '\'')
                    && text.charAt(text.length() - 1) == text.charAt(0) && !text.startsWith("\"\"\"") && !text.startsWith("'''")) {
                String dotted = dotted(text.substring(1, text.length() - 1));
                return dotted == null ? null : "@:" + dotted;
            }
            return null;
        }
        if (tree.is(node, "binary_operator")) {
            int left = tree.child(node, "left");
            int right = tree.child(node, "right");
            int op = tree.child(node, "operator");
            if (op < 0 || !tree.text(op).equals("|") || left < 0 || right < 0) {
                return null;
            }
            if (tree.is(right, "none")) {
                return className(tree, left);
            }
            return tree.is(left, "none") ? className(tree, right) : null;
        }
        if (tree.is(node, "generic_type") || tree.is(node, "subscript")) {
            int value = tree.is(node, "subscript") ? tree.child(node, "value") : tree.firstNamedChild(node);
            String head = value < 0 ? null : dotted(tree.text(value));
            if (head == null || !(head.equals("Optional") || head.endsWith(".Optional"))) {
                return null;
            }
            int arg = tree.is(node, "subscript") ? tree.child(node, "subscript") : lastNamedChild(tree, node);
            if (arg >= 0 && tree.is(arg, "type_parameter")) {
                arg = tree.firstNamedChild(arg);
            }
            return className(tree, arg);
        }
        return null;
    }

    private static int lastNamedChild(SyntaxTree tree, int node) {
        int last = -1;
        for (int c = tree.firstNamedChild(node); c >= 0; c = tree.nextNamedSibling(c)) {
            last = c;
        }
        return last;
    }

    /** The text as a dotted name without whitespace, or null when it is not one. */
    private static String dotted(String text) {
        String d = text.replaceAll("\\s+", "");
        return d.matches("[\\p{L}_][\\p{L}\\p{N}_]*(\\.[\\p{L}_][\\p{L}\\p{N}_]*)*") ? d : null;
    }
}
