package io.codeanatomy.extract.python;

import io.codeanatomy.extract.SyntaxTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one occurrence of {@code __all__} in a module body does to the module's static {@code __all__},
 * in the forms Pyright understands: {@code __all__ = [...]} or {@code (...)}, {@code __all__ += [...]},
 * {@code __all__ += mod.__all__}, {@code __all__.extend([...])}, {@code __all__.extend(mod.__all__)},
 * {@code __all__.append('x')} and {@code __all__.remove('x')}; beyond Pyright, a bare tuple
 * ({@code __all__ = 'a', 'b',}, common in the standard library) and a sum of supported values
 * ({@code __all__ = a.__all__ + b.__all__ + ['x']}). The value is the {@code all_effect} prop of the
 * NAME: {@code set:a,b}, {@code add:a,b}, {@code remove:a}, {@code set_all_of:mod},
 * {@code add_all_of:mod} or {@code unsupported} (any other assignment), a sum as its effects joined by
 * {@code ;} ({@code set_all_of:a;add_all_of:b;add:x}). Reads and uses inside a function or class have
 * no effect (null).
 */
final class StaticAll {
    private static final Set<String> SCOPES = Set.of("function_definition", "class_definition", "lambda");

    private StaticAll() {
    }

    /** The effect of the {@code __all__} identifier at {@code name}, or null when it has none. */
    static String effect(SyntaxTree tree, int name) {
        for (int up = tree.parent(name); up >= 0; up = tree.parent(up)) {
            if (SCOPES.contains(tree.type(up))) {
                return null;
            }
        }
        int parent = tree.parent(name);
        if (parent < 0) {
            return null;
        }
        switch (tree.type(parent)) {
            case "assignment": {
                if (tree.child(parent, "left") != name) {
                    return null;
                }
                int right = tree.child(parent, "right");
                return right < 0 ? null : valueOf(tree, right, "set");
            }
            case "augmented_assignment": {
                if (tree.child(parent, "left") != name) {
                    return null;
                }
                int op = tree.child(parent, "operator");
                int right = tree.child(parent, "right");
                if (op < 0 || right < 0 || !tree.text(op).equals("+=")) {
                    return "unsupported";
                }
                return valueOf(tree, right, "add");
            }
            case "attribute": {
                int call = tree.parent(parent);
                if (tree.child(parent, "object") != name || call < 0 || !tree.is(call, "call")
                        || tree.child(call, "function") != parent) {
                    return null;
                }
                int method = tree.child(parent, "attribute");
                List<Integer> args = arguments(tree, tree.child(call, "arguments"));
                if (method < 0 || args == null || args.size() != 1) {
                    return null;
                }
                return switch (tree.text(method)) {
                    case "extend" -> valueOf(tree, args.get(0), "add");
                    case "append" -> single(tree, args.get(0), "add");
                    case "remove" -> single(tree, args.get(0), "remove");
                    default -> null;
                };
            }
            default:
                return null;
        }
    }

    /**
     * A list or tuple of plain strings, {@code mod.__all__}, or a {@code +} of those (the first operand
     * takes {@code op}, the others add); anything else is unsupported.
     */
    private static String valueOf(SyntaxTree tree, int value, String op) {
        if (tree.is(value, "parenthesized_expression")) {
            int inner = tree.firstNamedChild(value);
            if (inner >= 0 && tree.nextNamedSibling(inner) < 0 && tree.is(inner, "binary_operator")) {
                return valueOf(tree, inner, op);
            }
        }
        if (tree.is(value, "binary_operator")) {
            int left = tree.child(value, "left");
            int operator = tree.child(value, "operator");
            int right = tree.child(value, "right");
            if (left < 0 || right < 0 || operator < 0 || !tree.text(operator).equals("+")) {
                return "unsupported";
            }
            String first = valueOf(tree, left, op);
            String rest = valueOf(tree, right, "add");
            return first.equals("unsupported") || rest.equals("unsupported") ? "unsupported" : first + ";" + rest;
        }
        if (tree.is(value, "attribute")) {
            int object = tree.child(value, "object");
            int attr = tree.child(value, "attribute");
            if (object >= 0 && attr >= 0 && tree.is(object, "identifier") && tree.text(attr).equals("__all__")) {
                return op + "_all_of:" + tree.text(object);
            }
            return "unsupported";
        }
        if (!tree.is(value, "list") && !tree.is(value, "tuple") && !tree.is(value, "parenthesized_expression")
                && !tree.is(value, "expression_list")) {
            return "unsupported";
        }
        List<String> names = new ArrayList<>();
        for (int c = tree.firstNamedChild(value); c >= 0; c = tree.nextNamedSibling(c)) {
            if (tree.is(c, "comment")) {
                continue;
            }
            String s = plainString(tree, c);
            if (s == null) {
                return "unsupported";
            }
            names.add(s);
        }
        return op + ":" + String.join(",", names);
    }

    private static String single(SyntaxTree tree, int value, String op) {
        String s = plainString(tree, value);
        return s == null ? "unsupported" : op + ":" + s;
    }

    /** The positional arguments of a call, or null when it has keyword or starred ones. */
    private static List<Integer> arguments(SyntaxTree tree, int list) {
        if (list < 0 || !tree.is(list, "argument_list")) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (int c = tree.firstNamedChild(list); c >= 0; c = tree.nextNamedSibling(c)) {
            if (tree.is(c, "comment")) {
                continue;
            }
            if (tree.is(c, "keyword_argument") || tree.is(c, "list_splat") || tree.is(c, "dictionary_splat")) {
                return null;
            }
            out.add(c);
        }
        return out;
    }

    /**
     * The value of a plain string literal naming an identifier ({@code 'x'}, {@code "x"}, {@code u'x'}),
     * or null: f-strings, bytes, escapes and anything that is not a name are not static names.
     */
    private static String plainString(SyntaxTree tree, int node) {
        if (!tree.is(node, "string")) {
            return null;
        }
        String text = tree.text(node);
        int quote = 0;
        while (quote < text.length() && Character.isLetter(text.charAt(quote))) {
            quote++;
        }
        String prefix = text.substring(0, quote).toLowerCase();
        if (!prefix.isEmpty() && !prefix.equals("u") && !prefix.equals("r")) {
            return null;
        }
        String body = text.substring(quote);
        int q = body.startsWith("\"\"\"") || body.startsWith("'''") ? 3 : 1;
        if (body.length() < 2 * q) {
            return null;
        }
        String value = body.substring(q, body.length() - q).strip();
        if (value.isEmpty() || !Character.isJavaIdentifierStart(value.codePointAt(0))) {
            return null;
        }
        for (int k = 0; k < value.length(); k++) {
            char ch = value.charAt(k);
            if (!Character.isJavaIdentifierPart(ch) || ch == '$') {
                return null;
            }
        }
        return value;
    }
}
