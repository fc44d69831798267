package io.codeanatomy.extract.python;

import io.codeanatomy.cpg.NodeKind;
import io.codeanatomy.extract.ExtractedNode;
import io.codeanatomy.extract.ExtractionProblem;
import io.codeanatomy.extract.FileExtraction;

import org.treesitter.TSInputEncoding;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSQuery;
import org.treesitter.TSQueryCapture;
import org.treesitter.TSQueryCursor;
import org.treesitter.TSQueryMatch;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

import java.nio.charset.StandardCharsets;

/**
 * The tree-sitter layer for Python: parses raw file bytes (offsets are file byte offsets even for
 * invalid UTF-8) and extracts definitions, parameters, calls, imports, names and error regions with
 * one query pass.
 *
 * <p>Not thread safe: one instance per task thread (tree-sitter parsers abort the JVM when shared).
 * Trees are closed before returning; nothing from tree-sitter escapes.
 */
public final class PythonCstExtractor implements AutoCloseable {
    private static final TSLanguage PYTHON = new TreeSitterPython();
    private static final String QUERY_TEXT = PythonQuery.text();
    private static final TSQuery QUERY = new TSQuery(PYTHON, QUERY_TEXT);

    private final TSParser parser = new TSParser();
    private final TSQueryCursor cursor = new TSQueryCursor();
    private final byte[] chunk = new byte[64 * 1024];

    public PythonCstExtractor() {
        if (!parser.setLanguage(PYTHON)) {
            throw new IllegalStateException("tree-sitter core rejected the Python grammar (ABI mismatch)");
        }
    }

    /** Parses and discards the tree: the baseline the benchmark compares extraction against. */
    public boolean parseOnly(byte[] source) {
        TSTree tree = parse(source);
        if (tree == null) {
            return false;
        }
        tree.close();
        return true;
    }

    private TSTree parse(byte[] source) {
        TSTree tree = parser.parse(chunk, null, (buf, offset, position) -> {
            if (offset >= source.length) {
                return 0;
            }
            int n = Math.min(buf.length, source.length - offset);
            System.arraycopy(source, offset, buf, 0, n);
            return n;
        }, TSInputEncoding.TSInputEncodingUTF8);
        if (tree == null) {
            parser.reset();
        }
        return tree;
    }

    public FileExtraction extract(byte[] source) {
        FileExtraction out = new FileExtraction();
        TSTree tree = parse(source);
        if (tree == null) {
            out.parseStatus = FileExtraction.FAILED;
            out.problems.add(ExtractionProblem.wholeFile("parse", "parser_failed", "tree-sitter returned no tree"));
            return out;
        }
        try (tree) {
            TSNode root = tree.getRootNode();
            cursor.exec(QUERY, root);
            TSQueryMatch match = new TSQueryMatch();
            while (cursor.nextMatch(match)) {
                handle(match, source, out);
            }
            if (root.hasError()) {
                out.parseStatus = FileExtraction.SYNTAX_ERRORS;
            }
        }
        return out;
    }

    private static void handle(TSQueryMatch match, byte[] source, FileExtraction out) {
        TSNode main = null;
        String mainCapture = null;
        TSNode name = null;
        TSNode from = null;
        for (TSQueryCapture capture : match.getCaptures()) {
            String captureName = QUERY.getCaptureNameForId(capture.getIndex());
            switch (captureName) {
                case "name": name = capture.getNode(); break;
                case "from": from = capture.getNode(); break;
                default:
                    main = capture.getNode();
                    mainCapture = captureName;
            }
        }
        if (main == null) {
            return;
        }
        int s = main.getStartByte();
        int e = main.getEndByte();
        switch (mainCapture) {
            case "class":
                out.nodes.add(new ExtractedNode(NodeKind.CLASS, text(source, name), s, e));
                break;
            case "function":
                out.nodes.add(new ExtractedNode(NodeKind.FUNCTION, text(source, name), s, e)
                        .prop("is_async", source[s] == 'a'));
                break;
            case "param":
                out.nodes.add(new ExtractedNode(NodeKind.PARAMETER, text(source, name == null ? main : name), s, e));
                break;
            case "call":
                out.nodes.add(new ExtractedNode(NodeKind.CALL, calleeName(source, name), s, e)
                        .prop("callee_bstart", (long) name.getStartByte())
                        .prop("callee_bend", (long) name.getEndByte()));
                break;
            case "import":
                out.nodes.add(importNode(source, main, from == null ? null : compact(text(source, from)).replace(" ", ""), s, e));
                break;
            case "future_import":
                out.nodes.add(importNode(source, main, "__future__", s, e).prop("future", true));
                break;
            case "lambda":
                out.nodes.add(new ExtractedNode(NodeKind.LAMBDA, null, s, e));
                break;
            case "decorator":
                out.nodes.add(new ExtractedNode(NodeKind.DECORATOR, compact(text(source, main)).substring(1).trim(), s, e));
                break;
            case "docstring":
                out.nodes.add(new ExtractedNode(NodeKind.DOCSTRING, null, s, e));
                break;
            case "attribute":
                out.nodes.add(new ExtractedNode(NodeKind.ATTRIBUTE, text(source, name), s, e));
                break;
            case "literal":
                out.nodes.add(new ExtractedNode(NodeKind.LITERAL, null, s, e).prop("literal_type", main.getType()));
                break;
            case "comment":
                out.nodes.add(new ExtractedNode(NodeKind.COMMENT, null, s, e));
                break;
            case "identifier":
                out.nodes.add(new ExtractedNode(NodeKind.NAME, text(source, main), s, e));
                break;
            case "error":
                out.nodes.add(new ExtractedNode(NodeKind.ERROR, null, s, e));
                out.problems.add(new ExtractionProblem("parse", "syntax_error",
                        "syntax error at line " + (main.getStartPoint().getRow() + 1), s, e));
                break;
            case "missing":
                out.problems.add(new ExtractionProblem("parse", "missing_token", "missing '" + main.getType()
                        + "' at line " + (main.getStartPoint().getRow() + 1), s, e));
                break;
            default:
                throw new IllegalStateException("query capture without a handler: " + mainCapture);
        }
    }

    private static ExtractedNode importNode(byte[] source, TSNode item, String module, int s, int e) {
        String itemText = compact(text(source, item));
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
        return new ExtractedNode(NodeKind.IMPORT, target, s, e).prop("alias", alias).prop("from_module", module);
    }

    /** The dotted callee text for plain and attribute calls; null for computed callees. */
    private static String calleeName(byte[] source, TSNode callee) {
        String type = callee.getType();
        if ("identifier".equals(type) || "attribute".equals(type)) {
            return compact(text(source, callee)).replace(" ", "");
        }
        return null;
    }

    private static String compact(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    static String text(byte[] source, TSNode node) {
        if (node == null) {
            return null;
        }
        int s = node.getStartByte();
        return new String(source, s, node.getEndByte() - s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        cursor.close();
        parser.close();
    }
}
