package io.codeanatomy.extract.python;

/**
 * The tree-sitter query of the Python layer. Capture names: the node capture ({@code class},
 * {@code function}, {@code param}, {@code call}, {@code import}, ...) plus {@code name} for the
 * identifying child and {@code from} for the module of a from-import.
 */
final class PythonQuery {
    private PythonQuery() {
    }

    static String text() {
        StringBuilder q = new StringBuilder();
        q.append("(class_definition name: (identifier) @name) @class\n");
        q.append("(function_definition name: (identifier) @name) @function\n");
        for (String params : new String[] {"parameters", "lambda_parameters"}) {
            q.append("(").append(params).append(" (identifier) @param)\n");
            q.append("(").append(params).append(" (default_parameter name: (identifier) @name) @param)\n");
            q.append("(").append(params).append(" (typed_default_parameter name: (identifier) @name) @param)\n");
            q.append("(").append(params).append(" (typed_parameter (identifier) @name) @param)\n");
            q.append("(").append(params).append(" (typed_parameter (list_splat_pattern (identifier) @name)) @param)\n");
            q.append("(").append(params).append(" (typed_parameter (dictionary_splat_pattern (identifier) @name)) @param)\n");
            q.append("(").append(params).append(" (list_splat_pattern (identifier) @name) @param)\n");
            q.append("(").append(params).append(" (dictionary_splat_pattern (identifier) @name) @param)\n");
        }
        q.append("(call function: (_) @name) @call\n");
        q.append("(import_statement name: [(dotted_name) (aliased_import)] @import)\n");
        q.append("(import_from_statement module_name: (_) @from name: [(dotted_name) (aliased_import)] @import)\n");
        q.append("(import_from_statement module_name: (_) @from (wildcard_import) @import)\n");
        q.append("(future_import_statement name: [(dotted_name) (aliased_import)] @future_import)\n");
        q.append("(lambda) @lambda\n");
        q.append("(decorator) @decorator\n");
        q.append("(module . (expression_statement (string) @docstring))\n");
        q.append("(function_definition body: (block . (expression_statement (string) @docstring)))\n");
        q.append("(class_definition body: (block . (expression_statement (string) @docstring)))\n");
        q.append("(attribute attribute: (identifier) @name) @attribute\n");
        q.append("[(string) (concatenated_string) (integer) (float) (true) (false) (none)] @literal\n");
        q.append("(comment) @comment\n");
        q.append("(identifier) @identifier\n");
        q.append("(ERROR) @error\n");
        q.append("(MISSING) @missing\n");
        return q.toString();
    }
}
