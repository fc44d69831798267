package io.codeanatomy.extract.python;

import io.codeanatomy.extract.SyntaxTree;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Where a module-level binding sits among the branches of the module's compound statements, so the
 * linker can tell which bindings of a name may still hold at the end of the module (the {@code branch}
 * prop of a binding NAME). The value is the path of branches from the outermost statement in, joined
 * by {@code /}; a branch is {@code KIND@BSTART:LABEL}, or {@code KIND@BSTART:LABEL#N} when the statement
 * always runs one of its {@code N} branches (an {@code if} with an {@code else}, a {@code try} whose
 * body and {@code N-1} handlers are its branches):
 *
 * <ul>
 *   <li>{@code if}: {@code 0} (the body), {@code 1}.. (each {@code elif}), {@code else};</li>
 *   <li>{@code try}: {@code body}, {@code except0}.. (each handler), {@code else}; {@code finally}
 *       always runs and is no branch;</li>
 *   <li>{@code for}/{@code while}: {@code body} (the loop target too), {@code else};</li>
 *   <li>{@code match}: {@code case0}...</li>
 * </ul>
 * {@code with} bodies always run and are no branch. Null for a binding outside any branch, and for a
 * name that binds nothing at module level (a read, a name inside a function, class or lambda).
 */
final class ModuleBranch {
    private static final Set<String> NESTED_SCOPES = Set.of("lambda", "list_comprehension", "set_comprehension",
            "dictionary_comprehension", "generator_expression");
    private static final Set<String> BINDING_TARGETS = Set.of("pattern_list", "tuple_pattern", "list_pattern",
            "expression_list", "tuple", "list", "parenthesized_expression", "list_splat_pattern", "as_pattern_target",
            "aliased_import", "dotted_name", "relative_import");

    private ModuleBranch() {
    }

    /** The branch path of the identifier at {@code name} when it binds at module level inside a branch, else null. */
    static String of(SyntaxTree tree, int name) {
        if (!binds(tree, name)) {
            return null;
        }
        List<String> path = new ArrayList<>();
        int child = name;
        for (int up = tree.parent(name); up >= 0; child = up, up = tree.parent(up)) {
            String type = tree.type(up);
            if (NESTED_SCOPES.contains(type)) {
                return null;
            }
            if ((type.equals("function_definition") || type.equals("class_definition")) && tree.child(up, "name") != child) {
                return null; // inside the body or the parameters: not a module-level binding
            }
            String branch = branch(tree, up, child);
            if (branch != null) {
                path.add(branch);
            }
        }
        if (path.isEmpty()) {
            return null;
        }
        Collections.reverse(path);
        return String.join("/", path);
    }

    /** Whether the identifier is a name a statement binds: a def's or class's name, an import's, an assignment's, a loop's or a {@code with ... as} target's. */
    private static boolean binds(SyntaxTree tree, int name) {
        int child = name;
        for (int up = tree.parent(name); up >= 0; child = up, up = tree.parent(up)) {
            switch (tree.type(up)) {
                case "function_definition", "class_definition":
                    return tree.child(up, "name") == child;
                case "import_statement", "import_from_statement", "future_import_statement":
                    return true;
                case "assignment", "augmented_assignment", "for_statement", "for_in_clause":
                    return tree.child(up, "left") == child;
                case "named_expression":
                    return tree.child(up, "name") == child;
                case "as_pattern":
                    return tree.child(up, "alias") == child;
                case "except_clause":
                    return false; // except E as e: Python deletes e when the handler ends
                default:
                    if (!BINDING_TARGETS.contains(tree.type(up))) {
                        return false;
                    }
            }
        }
        return false;
    }

    /** The branch {@code child} is of the compound statement {@code statement}, or null when it is none. */
    private static String branch(SyntaxTree tree, int statement, int child) {
        String type = tree.type(statement);
        String at = "@" + tree.start(statement) + ":";
        switch (type) {
            case "if_statement": {
                boolean hasElse = false;
                int elif = 0;
                int label = -1;
                for (int c = tree.firstNamedChild(statement); c >= 0; c = tree.nextNamedSibling(c)) {
                    if (tree.is(c, "elif_clause")) {
                        elif++;
                        if (c == child) {
                            label = elif;
                        }
                    } else if (tree.is(c, "else_clause")) {
                        hasElse = true;
                    }
                }
                String name = child == tree.child(statement, "consequence") ? "0"
                        : tree.is(child, "else_clause") ? "else" : label > 0 ? String.valueOf(label) : null;
                return name == null ? null : "if" + at + name + (hasElse ? "#" + (elif + 2) : "");
            }
            case "try_statement": {
                int handlers = 0;
                int label = -1;
                for (int c = tree.firstNamedChild(statement); c >= 0; c = tree.nextNamedSibling(c)) {
                    if (tree.is(c, "except_clause") || tree.is(c, "except_group_clause")) {
                        if (c == child) {
                            label = handlers;
                        }
                        handlers++;
                    }
                }
                String name = child == tree.child(statement, "body") ? "body"
                        : label >= 0 ? "except" + label : tree.is(child, "else_clause") ? "else" : null;
                return name == null ? null
                        : "try" + at + name + (name.equals("else") || handlers == 0 ? "" : "#" + (handlers + 1));
            }
            case "for_statement", "while_statement": {
                String kind = type.equals("for_statement") ? "for" : "while";
                if (tree.is(child, "else_clause")) {
                    return kind + at + "else";
                }
                return child == tree.child(statement, "body") || child == tree.child(statement, "left") ? kind + at + "body" : null;
            }
            case "block": {
                int match = tree.parent(statement);
                if (match < 0 || !tree.is(match, "match_statement") || !tree.is(child, "case_clause")) {
                    return null;
                }
                int index = 0;
                for (int c = tree.firstNamedChild(statement); c >= 0 && c != child; c = tree.nextNamedSibling(c)) {
                    if (tree.is(c, "case_clause")) {
                        index++;
                    }
                }
                return "match@" + tree.start(match) + ":case" + index;
            }
            default:
                return null;
        }
    }
}
