package io.codeanatomy.align.python;

import io.codeanatomy.align.KindCompatibility;
import io.codeanatomy.cpg.NodeKind;
import io.codeanatomy.extract.ExtractedNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which CPython {@code ast} node types stand for which CST nodes: typed kinds, and SYNTAX nodes by
 * their tree-sitter type. A CST node whose key is absent here is not aligned with the ast.
 */
final class PythonAstKinds {
    /** Kinds both parsers must agree on: a definition or call one layer has and the other lacks is a disagreement. */
    static final Set<String> STRICT_AST_TYPES = Set.of("ClassDef", "FunctionDef", "AsyncFunctionDef", "Lambda", "Call");

    private static final Map<String, List<String>> TABLE = new HashMap<>();

    static {
        put("CLASS", "ClassDef");
        put("FUNCTION", "FunctionDef", "AsyncFunctionDef");
        put("LAMBDA", "Lambda");
        put("CALL", "Call");
        put("ATTRIBUTE", "Attribute");
        put("NAME", "Name");
        put("PARAMETER", "arg");
        put("IMPORT", "alias");
        put("LITERAL", "Constant", "JoinedStr");
        put("DOCSTRING", "Constant");
        syntax("if_statement", "If");
        syntax("elif_clause", "If");
        syntax("for_statement", "For", "AsyncFor");
        syntax("while_statement", "While");
        syntax("try_statement", "Try", "TryStar");
        syntax("with_statement", "With", "AsyncWith");
        syntax("with_item", "withitem");
        syntax("except_clause", "ExceptHandler");
        syntax("except_group_clause", "ExceptHandler");
        syntax("return_statement", "Return");
        syntax("raise_statement", "Raise");
        syntax("pass_statement", "Pass");
        syntax("break_statement", "Break");
        syntax("continue_statement", "Continue");
        syntax("delete_statement", "Delete");
        syntax("global_statement", "Global");
        syntax("nonlocal_statement", "Nonlocal");
        syntax("assert_statement", "Assert");
        syntax("import_statement", "Import");
        syntax("import_from_statement", "ImportFrom");
        syntax("future_import_statement", "ImportFrom");
        syntax("expression_statement", "Expr", "Assign", "AugAssign", "AnnAssign");
        syntax("assignment", "Assign", "AnnAssign");
        syntax("augmented_assignment", "AugAssign");
        syntax("binary_operator", "BinOp");
        syntax("boolean_operator", "BoolOp");
        syntax("comparison_operator", "Compare");
        syntax("unary_operator", "UnaryOp");
        syntax("not_operator", "UnaryOp");
        syntax("subscript", "Subscript");
        syntax("slice", "Slice");
        syntax("list", "List");
        syntax("tuple", "Tuple");
        syntax("pattern_list", "Tuple");
        syntax("expression_list", "Tuple");
        syntax("dictionary", "Dict");
        syntax("set", "Set");
        syntax("list_comprehension", "ListComp");
        syntax("set_comprehension", "SetComp");
        syntax("dictionary_comprehension", "DictComp");
        syntax("generator_expression", "GeneratorExp");
        syntax("conditional_expression", "IfExp");
        syntax("await", "Await");
        syntax("yield", "Yield", "YieldFrom");
        syntax("named_expression", "NamedExpr");
        syntax("keyword_argument", "keyword");
        syntax("list_splat", "Starred");
        syntax("list_splat_pattern", "Starred");
        syntax("match_statement", "Match");
        syntax("case_clause", "match_case");
        syntax("interpolation", "FormattedValue");
    }

    private PythonAstKinds() {
    }

    private static void put(String key, String... astTypes) {
        TABLE.put(key, List.of(astTypes));
    }

    private static void syntax(String grammarType, String... astTypes) {
        put("SYNTAX:" + grammarType, astTypes);
    }

    /** The key a CST node is aligned under, or null if it has no ast counterpart. */
    static String key(ExtractedNode n) {
        String key = n.kind == NodeKind.SYNTAX ? "SYNTAX:" + n.name : n.kind.name();
        return TABLE.containsKey(key) ? key : null;
    }

    static KindCompatibility compatibility() {
        KindCompatibility k = KindCompatibility.only();
        TABLE.forEach((key, types) -> types.forEach(t -> k.with(key, t, 1.0)));
        return k;
    }
}
