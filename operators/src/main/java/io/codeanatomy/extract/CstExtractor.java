package io.codeanatomy.extract;

/**
 * A language's tree-sitter layer: parses a file's raw bytes with the language's grammar and reads its
 * typed nodes (and, for the full tree, a SYNTAX node for every other named node) off the copied tree.
 * Not thread safe: one per task thread (tree-sitter parsers abort the JVM when shared).
 */
public interface CstExtractor extends AutoCloseable {
    /**
     * The extraction of {@code source}; the copied tree stays on the result for the scope analysis.
     * @param syntaxNodes whether every named CST node becomes a SYNTAX node (the full tree)
     */
    FileExtraction extract(byte[] source, boolean syntaxNodes);

    @Override
    void close();
}
