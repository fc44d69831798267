package io.codeanatomy.extract.cpython;

import java.util.List;

/** What CPython said about one file: its ast nodes and symtable scopes, or why it could not say. */
public final class CPythonFacts {
    /** The outcome; anything but OK leaves the file to the other layers. */
    public enum Status { OK, SYNTAX_ERROR, TIMEOUT, UNAVAILABLE, FAILED, NOT_APPLICABLE }

    /** One ast node: type and CPython position (1-based lines, 0-based UTF-8 byte columns), ctx and name if any. */
    public static final class AstNode {
        public final String type;
        public final int line;
        public final int column;
        public final int endLine;
        public final int endColumn;
        public final String context;
        public final String name;

        public AstNode(String type, int line, int column, int endLine, int endColumn, String context, String name) {
            this.type = type;
            this.line = line;
            this.column = column;
            this.endLine = endLine;
            this.endColumn = endColumn;
            this.context = context;
            this.name = name;
        }
    }

    /** One symtable scope with its symbols and their flags (referenced, assigned, parameter, global, ...). */
    public static final class Scope {
        public final String type;
        public final String name;
        public final int line;
        public final List<Symbol> symbols;

        public Scope(String type, String name, int line, List<Symbol> symbols) {
            this.type = type;
            this.name = name;
            this.line = line;
            this.symbols = symbols;
        }
    }

    public static final class Symbol {
        public final String name;
        public final List<String> flags;

        public Symbol(String name, List<String> flags) {
            this.name = name;
            this.flags = flags;
        }
    }

    public final Status status;
    public final List<AstNode> ast;
    public final List<Scope> scopes;
    /** Why the status is not OK, for the extract_errors row; null when OK. */
    public final String message;
    /** 1-based line of a syntax error, or 0. */
    public final int errorLine;

    public CPythonFacts(Status status, List<AstNode> ast, List<Scope> scopes, String message, int errorLine) {
        this.status = status;
        this.ast = ast;
        this.scopes = scopes;
        this.message = message;
        this.errorLine = errorLine;
    }

    public static CPythonFacts failed(Status status, String message) {
        return new CPythonFacts(status, List.of(), List.of(), message, 0);
    }
}
