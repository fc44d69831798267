package io.codeanatomy.scope.python;

import io.codeanatomy.scope.Access;
import io.codeanatomy.scope.Scope;
import io.codeanatomy.scope.ScopeKind;

import io.codeanatomy.extract.SyntaxTree;
import io.codeanatomy.span.LineIndex;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One forward pass over the pre-order node arrays of a tree-sitter-python tree: opens the scopes, works out
 * for every node the scope it is evaluated in, and turns every identifier that names a variable into a
 * {@link NameEvent}. Each node's context is derived from its parent's, which pre-order guarantees was
 * computed first, so there is no recursion and no stack however deep the file nests.
 */
final class ScopeWalk {
    private static final byte IN_PATTERN = 1;
    private static final byte IN_ANNOTATION = 2;
    private static final Set<String> PARAMETER_NODES = Set.of("identifier", "default_parameter", "typed_parameter",
            "typed_default_parameter", "list_splat_pattern", "dictionary_splat_pattern", "tuple_pattern");
    /** Containers an assignment target passes through to its names ({@code a, (b, *c) = ...}); attribute and subscript are not. */
    private static final Set<String> DESTRUCTURING = Set.of("pattern_list", "tuple_pattern", "list_pattern",
            "list_splat_pattern", "tuple", "list", "expression_list", "parenthesized_expression", "list_splat",
            "as_pattern_target");

    final List<Scope> scopes = new ArrayList<>();
    final List<Set<String>> declaredGlobal = new ArrayList<>();
    final List<Set<String>> declaredNonlocal = new ArrayList<>();
    final List<NameEvent> events = new ArrayList<>();
    /** Loops ({@code for}, {@code while}) as (scope they run in, start, end): a later write reaches an earlier read in them. */
    final List<int[]> loops = new ArrayList<>();
    /** Per scope, the class name private names ({@code __x}) are mangled with there, or null. */
    private final List<String> privatePrefix = new ArrayList<>();
    boolean postponedAnnotations;
    boolean starImport;

    private final SyntaxTree tree;
    private final int[] evalScope;
    /** The scope a def, class, lambda or comprehension node opens; -1 for other nodes. */
    private final int[] ownScope;
    /** The binding site identifiers below get as assignment targets; null when not in a target. */
    private final BindingSite[] target;
    /** The parameter node (child of parameters/lambda_parameters) a node belongs to, outside its default and annotation; -1 if none. */
    private final int[] parameter;
    private final byte[] flags;
    private LineIndex lines;

    private ScopeWalk(SyntaxTree tree) {
        this.tree = tree;
        int n = tree.size();
        evalScope = new int[n];
        ownScope = new int[n];
        target = new BindingSite[n];
        parameter = new int[n];
        flags = new byte[n];
    }

    static ScopeWalk of(SyntaxTree tree) {
        ScopeWalk walk = new ScopeWalk(tree);
        walk.run();
        return walk;
    }

    private void run() {
        int n = tree.size();
        open(ScopeKind.MODULE, "top", 0, tree.source().length, -1, 0);
        if (n == 0) {
            return;
        }
        ownScope[0] = -1;
        parameter[0] = -1;
        for (int i = 1; i < n; i++) {
            visit(i);
        }
    }

    private void visit(int i) {
        int p = tree.parent(i);
        String type = tree.type(i);
        String ptype = tree.type(p);
        String field = tree.field(i);
        evalScope[i] = evaluatedIn(p, ptype, field);
        parameter[i] = parameterOf(i, p, type, ptype, field);
        target[i] = targetSite(i, p, ptype, field);
        flags[i] = flagsOf(p, type, ptype, field);
        ownScope[i] = -1;
        if (!tree.isNamed(i)) { // keywords; the 'lambda' token shares its type name with the lambda node
            if ("type".equals(type) && "type_alias_statement".equals(ptype)) {
                typeKeyword(i, p);
            }
            return;
        }
        switch (type) {
            case "function_definition":
                ownScope[i] = openDefinition(i, ScopeKind.FUNCTION);
                break;
            case "class_definition":
                ownScope[i] = openDefinition(i, ScopeKind.CLASS);
                break;
            case "lambda":
                ownScope[i] = openAt(i, ScopeKind.LAMBDA, "lambda");
                break;
            case "list_comprehension":
                ownScope[i] = openAt(i, ScopeKind.COMPREHENSION, "listcomp");
                break;
            case "set_comprehension":
                ownScope[i] = openAt(i, ScopeKind.COMPREHENSION, "setcomp");
                break;
            case "dictionary_comprehension":
                ownScope[i] = openAt(i, ScopeKind.COMPREHENSION, "dictcomp");
                break;
            case "generator_expression":
                ownScope[i] = openAt(i, ScopeKind.COMPREHENSION, "genexpr");
                break;
            case "for_statement":
            case "while_statement":
                loops.add(new int[] {evalScope[i], tree.start(i), tree.end(i)});
                break;
            case "wildcard_import":
                starImport = true;
                break;
            case "identifier":
                if (!tree.isMissing(i) && tree.end(i) > tree.start(i)) {
                    identifier(i, p, ptype, field);
                }
                break;
            default:
        }
    }

    /** The scope node {@code i} is evaluated in, from its parent's. */
    private int evaluatedIn(int p, String ptype, String field) {
        int own = ownScope[p];
        if (own >= 0) {
            switch (ptype) {
                case "function_definition": // name, decorators, return annotation: the enclosing scope
                    return "body".equals(field) || "parameters".equals(field) ? own : evalScope[p];
                case "class_definition": // name, bases, keywords: the enclosing scope
                    return "body".equals(field) ? own : evalScope[p];
                default:
                    return own;
            }
        }
        if ("right".equals(field) && "for_in_clause".equals(ptype) && isFirstClause(p)) {
            return evalScope[tree.parent(p)]; // a comprehension's first iterable runs before the comprehension
        }
        if (("value".equals(field) || "type".equals(field)) && parameter[p] == p) {
            return evalScope[tree.parent(tree.parent(p))]; // defaults and annotations: where the def is
        }
        return evalScope[p];
    }

    private boolean isFirstClause(int clause) {
        for (int c = tree.firstNamedChild(tree.parent(clause)); c >= 0; c = tree.nextNamedSibling(c)) {
            if (tree.is(c, "for_in_clause")) {
                return c == clause;
            }
        }
        return false;
    }

    private int parameterOf(int i, int p, String type, String ptype, String field) {
        if (("parameters".equals(ptype) || "lambda_parameters".equals(ptype)) && PARAMETER_NODES.contains(type)) {
            return i;
        }
        if (parameter[p] >= 0 && !"value".equals(field) && !"type".equals(field)) {
            return parameter[p];
        }
        return -1;
    }

    private BindingSite targetSite(int i, int p, String ptype, String field) {
        switch (ptype) {
            case "assignment":
                if (!"left".equals(field)) {
                    return null;
                }
                if (tree.child(p, "type") < 0) {
                    return BindingSite.ASSIGN;
                }
                return tree.child(p, "right") >= 0 ? BindingSite.ANNASSIGN : BindingSite.ANNOTATION;
            case "augmented_assignment":
                return "left".equals(field) ? BindingSite.AUGASSIGN : null;
            case "for_statement":
            case "for_in_clause":
                return "left".equals(field) ? BindingSite.FOR : null;
            case "named_expression":
                return "name".equals(field) ? BindingSite.WALRUS : null;
            case "delete_statement":
                return tree.isNamed(i) ? BindingSite.DEL : null;
            case "type_alias_statement":
                return "left".equals(field) ? BindingSite.ASSIGN : null;
            case "as_pattern": // with ... as x / except ... as x; match's as-capture is an identifier child
                if (!"alias".equals(field)) {
                    return null;
                }
                return tree.is(tree.parent(p), "with_item") ? BindingSite.WITH : BindingSite.EXCEPT;
            default:
                return target[p] != null && (DESTRUCTURING.contains(ptype) || "type".equals(ptype)) ? target[p] : null;
        }
    }

    private byte flagsOf(int p, String type, String ptype, String field) {
        byte f = flags[p];
        if ("case_pattern".equals(type) && "case_clause".equals(ptype)) {
            f |= IN_PATTERN;
        }
        if ("return_type".equals(field) || "type".equals(field) && ("assignment".equals(ptype)
                || "typed_parameter".equals(ptype) || "typed_default_parameter".equals(ptype))) {
            f |= IN_ANNOTATION;
        }
        return f;
    }

    private int openDefinition(int i, ScopeKind kind) {
        int name = tree.child(i, "name");
        return openAt(i, kind, name < 0 ? "" : tree.text(name));
    }

    private int openAt(int i, ScopeKind kind, String name) {
        if (lines == null) {
            lines = LineIndex.of(tree.source());
        }
        return open(kind, name, tree.start(i), tree.end(i), evalScope[i], lines.lineOf(tree.start(i)));
    }

    private int open(ScopeKind kind, String name, int bstart, int bend, int parent, int line) {
        int index = scopes.size();
        scopes.add(new Scope(index, kind, name, bstart, bend, parent, line));
        declaredGlobal.add(null);
        declaredNonlocal.add(null);
        privatePrefix.add(kind == ScopeKind.CLASS ? PrivateNames.prefix(name) : parent < 0 ? null : privatePrefix.get(parent));
        return index;
    }

    /** Decides what identifier {@code i} is from where it sits; most are reads. */
    private void identifier(int i, int p, String ptype, String field) {
        switch (ptype) {
            case "ERROR": // the parser could not say what this is
                return;
            case "attribute":
                if ("attribute".equals(field)) {
                    return;
                }
                break;
            case "keyword_argument":
                if ("name".equals(field)) {
                    return;
                }
                break;
            case "global_statement":
                declare(declaredGlobal, i);
                event(i, Access.DECLARE, null, tree.start(i), tree.end(i));
                return;
            case "nonlocal_statement":
                declare(declaredNonlocal, i);
                event(i, Access.DECLARE, null, tree.start(i), tree.end(i));
                return;
            case "function_definition":
                if ("name".equals(field)) {
                    write(i, BindingSite.DEF);
                    return;
                }
                break;
            case "class_definition":
                if ("name".equals(field)) {
                    write(i, BindingSite.CLASS);
                    return;
                }
                break;
            case "aliased_import":
                if ("alias".equals(field)) {
                    write(i, BindingSite.IMPORT);
                }
                return;
            case "dotted_name":
                dottedName(i, p);
                return;
            case "keyword_pattern": // Point(x=px): x names an attribute
                if (tree.firstNamedChild(p) == i) {
                    return;
                }
                break;
            case "parenthesized_expression":
            case "tuple_pattern": // tree-sitter's reading of '(x)' as a target
                if (isParenthesizedAnnotationTarget(p)) {
                    return; // '(x): int' neither binds nor evaluates x
                }
                break;
            case "splat_pattern": // case [*rest] / {**rest}
                write(i, BindingSite.MATCH);
                return;
            case "as_pattern": // case P as name
                if ((flags[p] & IN_PATTERN) != 0) {
                    write(i, BindingSite.MATCH);
                    return;
                }
                break;
            default:
        }
        int param = parameter[i];
        if (param >= 0) {
            event(i, Access.WRITE, BindingSite.PARAMETER, tree.start(param), tree.end(param));
        } else if (target[i] != null) {
            write(i, target[i]);
        } else {
            event(i, Access.READ, null, tree.start(i), tree.end(i));
        }
    }

    private boolean isParenthesizedAnnotationTarget(int parens) {
        int q = parens;
        while (tree.is(tree.parent(q), "parenthesized_expression") || tree.is(tree.parent(q), "tuple_pattern")) {
            q = tree.parent(q);
        }
        int stmt = tree.parent(q);
        return "left".equals(tree.field(q)) && tree.is(stmt, "assignment") && tree.child(stmt, "type") >= 0
                && tree.child(stmt, "right") < 0;
    }

    /**
     * tree-sitter-python reads a statement starting {@code type(x).attr = ...} as a 3.12 type alias; when
     * the alias target is no plain name, the {@code type} keyword is really a read of the builtin.
     */
    private void typeKeyword(int i, int statement) {
        int left = tree.child(statement, "left");
        if (left < 0 || !tree.is(tree.firstNamedChild(left), "identifier")) {
            event(i, Access.READ, null, tree.start(i), tree.end(i));
        }
    }

    /** Dotted names: import paths (only {@code a} of {@code import a.b} binds), match captures and value patterns. */
    private void dottedName(int i, int p) {
        int gp = tree.parent(p);
        String gtype = tree.type(gp);
        boolean first = tree.firstNamedChild(p) == i;
        switch (gtype) {
            case "import_statement":
                if (first && "name".equals(tree.field(p))) {
                    write(i, BindingSite.IMPORT);
                }
                return;
            case "future_import_statement":
                if ("annotations".equals(tree.text(i))) {
                    postponedAnnotations = true;
                }
                // fall through: the feature name is bound like any imported name
            case "import_from_statement":
                if (first && "name".equals(tree.field(p))) {
                    write(i, BindingSite.IMPORT);
                }
                return;
            case "aliased_import":
                if (tree.is(tree.parent(gp), "future_import_statement") && "annotations".equals(tree.text(i))) {
                    postponedAnnotations = true; // from __future__ import annotations as _annotations
                }
                return;
            case "relative_import":
                return;
            default:
        }
        if (!first) {
            return; // the attribute parts of Color.RED
        }
        boolean capture = (flags[p] & IN_PATTERN) != 0 && !"class_pattern".equals(gtype) && tree.nextNamedSibling(i) < 0;
        if (capture) {
            write(i, BindingSite.MATCH);
        } else {
            event(i, Access.READ, null, tree.start(i), tree.end(i));
        }
    }

    private void write(int i, BindingSite site) {
        event(i, site == BindingSite.DEL ? Access.DELETE : Access.WRITE, site, tree.start(i), tree.end(i));
    }

    private void event(int i, Access access, BindingSite site, int spanStart, int spanEnd) {
        events.add(new NameEvent(tree.start(i), tree.end(i), nameOf(i, evalScope[i]), access, evalScope[i], site, spanStart,
                spanEnd, (flags[i] & IN_ANNOTATION) != 0, site == null ? tree.start(i) : effectOf(i, site)));
    }

    /**
     * Where a write's binding takes effect, in source order: after the statement that makes it (its
     * right-hand side runs first: {@code X = X}), after a definition and its decorators
     * ({@code @property} above {@code def property}), after a loop's iterable; elsewhere after the name.
     */
    private int effectOf(int i, BindingSite site) {
        switch (site) {
            case ASSIGN, ANNASSIGN, ANNOTATION, AUGASSIGN, IMPORT -> {
                int statement = i;
                while (tree.parent(statement) >= 0 && !isStatement(tree.type(statement))) {
                    statement = tree.parent(statement);
                }
                return tree.end(statement);
            }
            case DEF, CLASS -> {
                int definition = tree.parent(i);
                int outer = tree.parent(definition);
                return tree.end(outer >= 0 && tree.is(outer, "decorated_definition") ? outer : definition);
            }
            case FOR -> {
                int loop = tree.parent(i);
                while (loop >= 0 && !tree.is(loop, "for_statement") && !tree.is(loop, "for_in_clause")) {
                    loop = tree.parent(loop);
                }
                int iterable = loop < 0 ? -1 : tree.child(loop, "right");
                return iterable >= 0 ? tree.end(iterable) : tree.end(i);
            }
            default -> {
                return tree.end(i);
            }
        }
    }

    private static boolean isStatement(String type) {
        return type.endsWith("_statement") || type.equals("module");
    }

    private void declare(List<Set<String>> declarations, int i) {
        int scope = evalScope[i];
        Set<String> names = declarations.get(scope);
        if (names == null) {
            names = new HashSet<>();
            declarations.set(scope, names);
        }
        names.add(nameOf(i, scope));
    }

    /**
     * The name as Python binds it: non-ASCII identifiers NFKC-normalized (the tokenizer does), private
     * names mangled with the class around {@code scope}.
     */
    private String nameOf(int i, int scope) {
        String text = tree.text(i);
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) >= 0x80) {
                text = Normalizer.normalize(text, Normalizer.Form.NFKC);
                break;
            }
        }
        return PrivateNames.mangle(text, privatePrefix.get(scope));
    }
}
