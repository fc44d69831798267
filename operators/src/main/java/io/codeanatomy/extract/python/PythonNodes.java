package io.codeanatomy.extract.python;

import io.codeanatomy.cpg.NodeKind;
import io.codeanatomy.extract.ExtractedNode;
import io.codeanatomy.extract.ExtractionProblem;
import io.codeanatomy.extract.FileExtraction;
import io.codeanatomy.extract.SyntaxTree;
import io.codeanatomy.span.LineIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The typed nodes of the tree-sitter layer, read off the flat syntax tree in one pass: definitions,
 * parameters, calls, imports, decorators, docstrings, attributes, literals, comments, names and
 * error regions. Every other named CST node becomes a SYNTAX node named by its grammar type, so the
 * graph holds the whole tree.
 */
final class PythonNodes {
    /** Lexical pieces of a string literal: part of the LITERAL, not nodes of their own. */
    private static final Set<String> STRING_PIECES = Set.of("string_start", "string_content", "string_end",
            "escape_sequence", "escape_interpolation");
    private static final Set<String> LITERALS = Set.of("string", "concatenated_string", "integer", "float", "true",
            "false", "none");

    private final SyntaxTree tree;
    private final boolean syntaxNodes;
    private final List<ExtractedNode> typed = new ArrayList<>(4);
    private LineIndex lines; // built only when a problem needs a line number

    private PythonNodes(SyntaxTree tree, boolean syntaxNodes) {
        this.tree = tree;
        this.syntaxNodes = syntaxNodes;
    }

    /** Adds the file's nodes and problems to {@code out}; the root (the module) is the builder's MODULE node. */
    static void extract(SyntaxTree tree, boolean syntaxNodes, FileExtraction out) {
        PythonNodes nodes = new PythonNodes(tree, syntaxNodes);
        for (int i = 1; i < tree.size(); i++) {
            nodes.visit(i, out);
        }
    }

    private void visit(int i, FileExtraction out) {
        typed.clear();
        String type = tree.type(i);
        int s = tree.start(i);
        int e = tree.end(i);
        if (tree.isMissing(i)) {
            out.problems.add(new ExtractionProblem("parse", "missing_token",
                    "missing '" + type + "' at line " + line(s), s, e));
            return;
        }
        if (tree.isError(i)) {
            out.nodes.add(new ExtractedNode(NodeKind.ERROR, null, s, e));
            out.problems.add(new ExtractionProblem("parse", "syntax_error", "syntax error at line " + line(s), s, e));
            return;
        }
        if (!tree.isNamed(i)) {
            return;
        }
        // One method per kind of node: the JIT compiles this hot loop body small, and each kind's
        // work where it is hot enough (a class definition rarely is), not all of it inlined here.
        switch (type) {
            case "class_definition" -> typed.add(classNode(i, s, e));
            case "function_definition" -> typed.add(functionNode(i, s, e));
            case "call" -> call(i, s, e);
            case "lambda" -> typed.add(new ExtractedNode(NodeKind.LAMBDA, null, s, e));
            case "decorator" -> typed.add(new ExtractedNode(NodeKind.DECORATOR, compact(tree.text(i)).substring(1).trim(), s, e));
            case "attribute" -> attribute(i, s, e);
            case "comment" -> typed.add(new ExtractedNode(NodeKind.COMMENT, null, s, e));
            case "identifier" -> typed.add(name(i, s, e));
            default -> literal(i, type, s, e);
        }
        parameter(i, type);
        importItem(i, type);
        if (typed.isEmpty() && syntaxNodes && !STRING_PIECES.contains(type)) {
            typed.add(new ExtractedNode(NodeKind.SYNTAX, type, s, e));
        }
        out.nodes.addAll(typed);
    }

    private ExtractedNode classNode(int i, int s, int e) {
        int name = tree.child(i, "name");
        return new ExtractedNode(NodeKind.CLASS, name < 0 ? null : tree.text(name), s, e)
                .prop("bases", bases(tree.child(i, "superclasses")))
                .prop("metaclass", metaclass(tree.child(i, "superclasses")));
    }

    private ExtractedNode functionNode(int i, int s, int e) {
        int name = tree.child(i, "name");
        int returnType = tree.child(i, "return_type");
        ExtractedNode function = new ExtractedNode(NodeKind.FUNCTION, name < 0 ? null : tree.text(name), s, e)
                .prop("is_async", tree.textStartsWith(i, "async"))
                .prop("returns", TypeAnnotation.className(tree, returnType));
        if (returnType < 0) {
            // no annotation: what its first return of a name or a call gives, as Pyright infers it
            ValueType.ofValue(tree, ValueType.firstReturnValue(tree, tree.child(i, "body")), function);
        }
        return function;
    }

    private void call(int i, int s, int e) {
        int callee = tree.child(i, "function");
        if (callee >= 0) {
            typed.add(new ExtractedNode(NodeKind.CALL, calleeName(callee), s, e)
                    .prop("callee_bstart", (long) tree.start(callee))
                    .prop("callee_bend", (long) tree.end(callee))
                    .prop("keywords", keywords(tree.child(i, "arguments"))));
        }
    }

    private void attribute(int i, int s, int e) {
        int name = tree.child(i, "attribute");
        if (name >= 0) {
            int object = tree.child(i, "object");
            String store = object >= 0 && tree.is(object, "identifier") ? assignedTo(i) : null;
            ExtractedNode attribute = new ExtractedNode(NodeKind.ATTRIBUTE, tree.text(name), s, e).prop("store", store);
            if ("annotated".equals(store)) {
                attribute.prop("annotation", TypeAnnotation.className(tree, tree.child(tree.parent(i), "type")));
            } else if ("assigned".equals(store)) {
                ValueType.of(tree, i, attribute);
            }
            typed.add(attribute);
        }
    }

    private ExtractedNode name(int i, int s, int e) {
        String text = tree.text(i);
        ExtractedNode name = new ExtractedNode(NodeKind.NAME, text, s, e);
        if (text.equals("__all__")) {
            name.prop("all_effect", StaticAll.effect(tree, i));
        }
        ValueType.of(tree, i, name);
        name.prop("branch", ModuleBranch.of(tree, i));
        return name;
    }

    private void literal(int i, String type, int s, int e) {
        if (LITERALS.contains(type)) {
            typed.add(new ExtractedNode(NodeKind.LITERAL, null, s, e).prop("literal_type", type));
            if (isDocstring(i)) {
                typed.add(new ExtractedNode(NodeKind.DOCSTRING, null, s, e));
            }
        }
    }

    /** The keyword arguments of a call, each as {@code bstart:name} (where its name starts), comma separated; null for none. */
    private String keywords(int arguments) {
        if (arguments < 0 || !tree.is(arguments, "argument_list")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int c = tree.firstNamedChild(arguments); c >= 0; c = tree.nextNamedSibling(c)) {
            int name = tree.is(c, "keyword_argument") ? tree.child(c, "name") : -1;
            if (name >= 0 && tree.is(name, "identifier")) {
                out.add(tree.start(name) + ":" + tree.text(name));
            }
        }
        return out.isEmpty() ? null : String.join(",", out);
    }

    /**
     * Whether the node is (part of) the target of an assignment, an augmented assignment or a
     * {@code for}: {@code annotated} for the target of {@code x.a: T = ...}, {@code assigned} for
     * another target, null when it is no target.
     */
    private String assignedTo(int node) {
        int child = node;
        for (int up = tree.parent(node); up >= 0; child = up, up = tree.parent(up)) {
            switch (tree.type(up)) {
                case "pattern_list", "tuple_pattern", "list_pattern":
                    continue;
                case "assignment", "augmented_assignment", "for_statement":
                    if (tree.child(up, "left") != child) {
                        return null;
                    }
                    if (tree.is(up, "augmented_assignment")) {
                        return "augmented"; // self.n += 1 reads the attribute first: it declares nothing (Pyright)
                    }
                    return child == node && tree.child(up, "type") >= 0 ? "annotated" : "assigned";
                default:
                    return null;
            }
        }
        return null;
    }

    /**
     * The base classes of a class statement that are dotted names ({@code Base}, {@code mod.Base}, the
     * {@code Generic} of {@code Generic[T]}), each as {@code bstart:dotted}, comma separated, in order;
     * other bases and keyword arguments ({@code metaclass=}) are left out. Null when there are none.
     */
    private String bases(int superclasses) {
        if (superclasses < 0) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int c = tree.firstNamedChild(superclasses); c >= 0; c = tree.nextNamedSibling(c)) {
            String dotted = dottedAt(tree.is(c, "subscript") ? tree.child(c, "value") : c);
            if (dotted != null) {
                out.add(dotted);
            }
        }
        return out.isEmpty() ? null : String.join(",", out);
    }

    /** A name or attribute chain as {@code bstart:dotted} ({@code 120:mod.Base}), else null. */
    private String dottedAt(int node) {
        if (node < 0 || !tree.is(node, "identifier") && !tree.is(node, "attribute")) {
            return null;
        }
        String dotted = tree.text(node).replaceAll("\\s+", "");
        return dotted.matches("[\\p{L}_][\\p{L}\\p{N}_]*(\\.[\\p{L}_][\\p{L}\\p{N}_]*)*") ? tree.start(node) + ":" + dotted : null;
    }

    /** The {@code metaclass=} keyword of a class statement when it is a dotted name: {@code bstart:dotted}, else null. */
    private String metaclass(int superclasses) {
        if (superclasses < 0) {
            return null;
        }
        for (int c = tree.firstNamedChild(superclasses); c >= 0; c = tree.nextNamedSibling(c)) {
            int name = tree.is(c, "keyword_argument") ? tree.child(c, "name") : -1;
            if (name >= 0 && tree.text(name).equals("metaclass")) {
                return dottedAt(tree.child(c, "value"));
            }
        }
        return null;
    }

    /** A parameter of a {@code def} or {@code lambda}: the whole parameter, named by its identifier. */
    private void parameter(int i, String type) {
        int p = tree.parent(i);
        if (!tree.is(p, "parameters") && !tree.is(p, "lambda_parameters")) {
            return;
        }
        int name;
        switch (type) {
            case "identifier":
                name = i;
                break;
            case "default_parameter":
            case "typed_default_parameter":
                name = tree.child(i, "name");
                break;
            case "typed_parameter":
                name = splatName(tree.firstNamedChild(i));
                break;
            case "list_splat_pattern":
            case "dictionary_splat_pattern":
                name = splatName(i);
                break;
            default:
                return;
        }
        if (name >= 0) {
            boolean annotated = type.equals("typed_parameter") || type.equals("typed_default_parameter");
            ExtractedNode parameter = new ExtractedNode(NodeKind.PARAMETER, tree.text(name), tree.start(i), tree.end(i))
                    .prop("annotation", annotated && !tree.is(tree.firstNamedChild(i), "list_splat_pattern")
                            && !tree.is(tree.firstNamedChild(i), "dictionary_splat_pattern")
                            ? TypeAnnotation.className(tree, tree.child(i, "type")) : null);
            if (type.equals("default_parameter")) {
                ValueType.ofValue(tree, tree.child(i, "value"), parameter); // def f(policy=compat32): the default's type, as Pyright
            }
            typed.add(parameter);
        }
    }

    /** The identifier of {@code x}, {@code *x} or {@code **x}, or -1. */
    private int splatName(int i) {
        if (i < 0) {
            return -1;
        }
        if (tree.is(i, "identifier")) {
            return i;
        }
        if (tree.is(i, "list_splat_pattern") || tree.is(i, "dictionary_splat_pattern")) {
            int c = tree.firstNamedChild(i);
            return tree.is(c, "identifier") ? c : -1;
        }
        return -1;
    }

    /** One imported item ({@code a.b as c}, {@code x}, {@code *}) of an import statement. */
    private void importItem(int i, String type) {
        int stmt = tree.parent(i);
        if (stmt < 0) {
            return;
        }
        boolean item = ("dotted_name".equals(type) || "aliased_import".equals(type)) && "name".equals(tree.field(i))
                || "wildcard_import".equals(type);
        if (!item) {
            return;
        }
        switch (tree.type(stmt)) {
            case "import_statement":
                typed.add(importNode(i, null));
                break;
            case "import_from_statement": {
                int module = tree.child(stmt, "module_name");
                if (module >= 0) {
                    typed.add(importNode(i, compact(tree.text(module)).replace(" ", "")));
                }
                break;
            }
            case "future_import_statement":
                typed.add(importNode(i, "__future__").prop("future", true));
                break;
            default:
        }
    }

    private ExtractedNode importNode(int item, String module) {
        String itemText = compact(tree.text(item));
        String target = itemText;
        String alias = null;
        int as = itemText.indexOf(" as ");
        if (as >= 0) {
            target = itemText.substring(0, as).replace(" ", "");
            alias = itemText.substring(as + 4).trim();
        }
        if (module != null) {
            target = module.endsWith(".") ? module + target : module + "." + target;
        }
        return new ExtractedNode(NodeKind.IMPORT, target, tree.start(item), tree.end(item))
                .prop("alias", alias).prop("from_module", module);
    }

    /**
     * A docstring, as CPython defines it: a plain (not f-) string literal that is the whole first
     * statement of a module, class or function body (comments before it do not count).
     */
    private boolean isDocstring(int i) {
        String type = tree.type(i);
        if (!"string".equals(type) && !"concatenated_string".equals(type)) {
            return false;
        }
        int stmt = tree.parent(i);
        if (!tree.is(stmt, "expression_statement") || tree.firstNamedChild(stmt) != i || tree.nextNamedSibling(i) >= 0) {
            return false;
        }
        int body = tree.parent(stmt);
        if (tree.is(body, "block")) {
            int owner = tree.parent(body);
            if (!tree.is(owner, "function_definition") && !tree.is(owner, "class_definition")) {
                return false;
            }
        } else if (!tree.is(body, "module")) {
            return false;
        }
        int first = tree.firstNamedChild(body);
        while (first >= 0 && tree.is(first, "comment")) {
            first = tree.nextNamedSibling(first);
        }
        return first == stmt && !isFString(i);
    }

    private boolean isFString(int literal) {
        if (tree.is(literal, "concatenated_string")) {
            for (int c = tree.firstNamedChild(literal); c >= 0; c = tree.nextNamedSibling(c)) {
                if (isFString(c)) {
                    return true;
                }
            }
            return false;
        }
        int startToken = tree.firstChild(literal);
        if (startToken < 0) {
            return false;
        }
        String prefix = tree.text(startToken);
        return prefix.indexOf('f') >= 0 || prefix.indexOf('F') >= 0;
    }

    /** The dotted callee text for plain and attribute calls; null for computed callees. */
    private String calleeName(int callee) {
        String type = tree.type(callee);
        if ("identifier".equals(type) || "attribute".equals(type)) {
            return compact(tree.text(callee)).replace(" ", "");
        }
        return null;
    }

    private int line(int offset) {
        if (lines == null) {
            lines = LineIndex.of(tree.source());
        }
        return Math.max(1, lines.lineOf(offset));
    }

    static String compact(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
