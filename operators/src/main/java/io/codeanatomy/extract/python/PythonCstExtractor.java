package io.codeanatomy.extract.python;

import io.codeanatomy.extract.CstExtractor;
import io.codeanatomy.extract.ExtractionProblem;
import io.codeanatomy.extract.FileExtraction;
import io.codeanatomy.extract.SyntaxTreeReader;
import io.codeanatomy.extract.treesitter.FlatTree;
import io.codeanatomy.extract.treesitter.NativeTreeSitter;

import org.treesitter.TSInputEncoding;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/**
 * The tree-sitter layer for Python: parses raw file bytes (offsets are file byte offsets even for
 * invalid UTF-8), copies the tree out and reads the typed nodes off the copy ({@link PythonNodes}).
 * The copy comes from the fast native path ({@link NativeTreeSitter}: one JNI call per file) where
 * this process has it, else from a cursor walk through the stock bindings; both give the same tree.
 *
 * <p>Not thread safe: one instance per task thread (tree-sitter parsers abort the JVM when shared).
 * Trees are closed before returning; nothing from tree-sitter escapes.
 */
public final class PythonCstExtractor implements CstExtractor {
    private static final TSLanguage PYTHON = new TreeSitterPython();
    private static final SyntaxTreeReader READER = new SyntaxTreeReader(PYTHON);
    /** The fast path, when loaded and built from the same grammar as the stock bindings. */
    private static final NativeTreeSitter FAST = NativeTreeSitter.loaded().filter(PythonCstExtractor::sameGrammar).orElse(null);

    private final TSParser parser = new TSParser();
    private final byte[] chunk = new byte[64 * 1024];

    public PythonCstExtractor() {
        if (!parser.setLanguage(PYTHON)) {
            throw new IllegalStateException("tree-sitter core rejected the Python grammar (ABI mismatch)");
        }
    }

    private static boolean sameGrammar(NativeTreeSitter library) {
        if (READER.readsTreesOf(library)) {
            return true;
        }
        org.slf4j.LoggerFactory.getLogger(PythonCstExtractor.class).warn(
                "the fast tree-sitter library's Python grammar differs from the stock bindings'; using the stock bindings");
        return false;
    }

    /** Whether this process parses with the fast native path. */
    public static boolean fastPath() {
        return FAST != null;
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

    /** The typed nodes plus a SYNTAX node for every other named CST node. */
    public FileExtraction extract(byte[] source) {
        return extract(source, true);
    }

    /**
     * Parses {@code source}, copies the whole tree out (the native tree is closed before this
     * returns) and reads the typed nodes off it; the tree stays on the result for the scope layer.
     */
    @Override
    public FileExtraction extract(byte[] source, boolean syntaxNodes) {
        return FAST != null ? extractFast(source, syntaxNodes) : extractStock(source, syntaxNodes);
    }

    /** The fast path alone (tests compare it with {@link #extractStock}); requires {@link #fastPath()}. */
    static FileExtraction extractFast(byte[] source) {
        return extractFast(source, true);
    }

    private static FileExtraction extractFast(byte[] source, boolean syntaxNodes) {
        FileExtraction out = new FileExtraction();
        FlatTree flat = FAST.parsePython(source);
        if (flat == null) {
            return failed(out);
        }
        out.tree = READER.read(flat, source);
        if (flat.hasError()) {
            out.parseStatus = FileExtraction.SYNTAX_ERRORS;
        }
        PythonNodes.extract(out.tree, syntaxNodes, out);
        return out;
    }

    private static FileExtraction failed(FileExtraction out) {
        out.parseStatus = FileExtraction.FAILED;
        out.problems.add(ExtractionProblem.wholeFile("parse", "parser_failed", "tree-sitter returned no tree"));
        return out;
    }

    /** The same through the stock bindings: a cursor walk over the native tree. */
    FileExtraction extractStock(byte[] source, boolean syntaxNodes) {
        FileExtraction out = new FileExtraction();
        TSTree tree = parse(source);
        if (tree == null) {
            return failed(out);
        }
        try (tree) {
            TSNode root = tree.getRootNode();
            out.tree = READER.read(root, source);
            if (root.hasError()) {
                out.parseStatus = FileExtraction.SYNTAX_ERRORS;
            }
        }
        PythonNodes.extract(out.tree, syntaxNodes, out);
        return out;
    }

    @Override
    public void close() {
        parser.close();
    }
}
