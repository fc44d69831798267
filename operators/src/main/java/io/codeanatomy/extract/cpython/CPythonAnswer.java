package io.codeanatomy.extract.cpython;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the CPython helper's output, {@code {"id": N, "ok": true, "ast": [...], "scopes":
 * [...]}} or {@code {"id": N, "ok": false, "error": {...}}}, read token by token straight into the
 * file's facts. A file's answer holds one seven-element array per AST node (hundreds of thousands
 * for a large module); reading it as a tree first made a node object for every element.
 */
record CPythonAnswer(long id, CPythonFacts facts) {
    private static final JsonFactory JSON = new JsonFactory();

    /** The answer on {@code line}; an {@link IOException} when it is not one (no id, not JSON, wrong shapes). */
    static CPythonAnswer parse(String line) throws IOException {
        try (JsonParser p = JSON.createParser(line)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            Long id = null;
            boolean ok = false;
            Error error = new Error("Error", "", 0);
            List<CPythonFacts.AstNode> nodes = new ArrayList<>();
            List<CPythonFacts.Scope> scopes = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = p.getValueAsLong();
                    case "ok" -> ok = value == JsonToken.VALUE_TRUE;
                    case "error" -> error = error(p, value);
                    case "ast" -> ast(p, value, nodes);
                    case "scopes" -> scopes(p, value, scopes);
                    default -> p.skipChildren();
                }
            }
            if (id == null) {
                throw new IOException("an answer without an id");
            }
            if (!ok) {
                CPythonFacts.Status status = error.type.endsWith("SyntaxError") || error.type.equals("IndentationError")
                        || error.type.equals("TabError") ? CPythonFacts.Status.SYNTAX_ERROR : CPythonFacts.Status.FAILED;
                return new CPythonAnswer(id, new CPythonFacts(status, List.of(), List.of(), error.type + ": " + error.message,
                        error.line));
            }
            return new CPythonAnswer(id, new CPythonFacts(CPythonFacts.Status.OK, nodes, scopes, null, 0));
        }
    }

    private record Error(String type, String message, int line) {
    }

    private static Error error(JsonParser p, JsonToken value) throws IOException {
        expect(p, value, JsonToken.START_OBJECT);
        String type = "Error";
        String message = "";
        int line = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "type" -> type = v == JsonToken.VALUE_NULL ? "Error" : p.getValueAsString();
                case "message" -> message = v == JsonToken.VALUE_NULL ? "" : p.getValueAsString();
                case "lineno" -> line = p.getValueAsInt(0);
                default -> p.skipChildren();
            }
        }
        return new Error(type, message, line);
    }

    /** AST nodes as {@code [type, line, column, endLine, endColumn, context, name]}. */
    private static void ast(JsonParser p, JsonToken value, List<CPythonFacts.AstNode> out) throws IOException {
        expect(p, value, JsonToken.START_ARRAY);
        while (p.nextToken() == JsonToken.START_ARRAY) {
            String type = string(p, p.nextToken());
            int line = integer(p, p.nextToken());
            int column = integer(p, p.nextToken());
            int endLine = integer(p, p.nextToken());
            int endColumn = integer(p, p.nextToken());
            String context = string(p, p.nextToken());
            String name = string(p, p.nextToken());
            expect(p, p.nextToken(), JsonToken.END_ARRAY);
            out.add(new CPythonFacts.AstNode(type, line, column, endLine, endColumn, context, name));
        }
        expect(p, p.currentToken(), JsonToken.END_ARRAY);
    }

    /** Scopes as objects with a type, a name, a line and symbols {@code [name, [flag, ...]]}. */
    private static void scopes(JsonParser p, JsonToken value, List<CPythonFacts.Scope> out) throws IOException {
        expect(p, value, JsonToken.START_ARRAY);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String type = "";
            String name = "";
            int line = 0;
            List<CPythonFacts.Symbol> symbols = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "type" -> type = v == JsonToken.VALUE_NULL ? "" : p.getValueAsString();
                    case "name" -> name = v == JsonToken.VALUE_NULL ? "" : p.getValueAsString();
                    case "lineno" -> line = p.getValueAsInt(0);
                    case "symbols" -> symbols(p, v, symbols);
                    default -> p.skipChildren();
                }
            }
            out.add(new CPythonFacts.Scope(type, name, line, symbols));
        }
        expect(p, p.currentToken(), JsonToken.END_ARRAY);
    }

    private static void symbols(JsonParser p, JsonToken value, List<CPythonFacts.Symbol> out) throws IOException {
        expect(p, value, JsonToken.START_ARRAY);
        while (p.nextToken() == JsonToken.START_ARRAY) {
            String name = string(p, p.nextToken());
            expect(p, p.nextToken(), JsonToken.START_ARRAY);
            List<String> flags = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                flags.add(string(p, p.currentToken()));
            }
            expect(p, p.nextToken(), JsonToken.END_ARRAY);
            out.add(new CPythonFacts.Symbol(name, flags));
        }
        expect(p, p.currentToken(), JsonToken.END_ARRAY);
    }

    private static String string(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == null || token.isStructStart() || token.isStructEnd()) {
            throw new IOException("expected a value, found " + token + " at " + p.currentLocation());
        }
        return p.getValueAsString();
    }

    private static int integer(JsonParser p, JsonToken token) throws IOException {
        if (token == null || token.isStructStart() || token.isStructEnd()) {
            throw new IOException("expected a number, found " + token + " at " + p.currentLocation());
        }
        return p.getValueAsInt(0);
    }

    private static void expect(JsonParser p, JsonToken found, JsonToken wanted) throws IOException {
        if (found != wanted) {
            throw new IOException("expected " + wanted + ", found " + found + " at " + p.currentLocation());
        }
    }
}
