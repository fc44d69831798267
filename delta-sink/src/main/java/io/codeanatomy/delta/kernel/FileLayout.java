package io.codeanatomy.delta.kernel;

import java.io.Serializable;

/**
 * How a table's rows lie in its data files. Rows are sorted by owner (repository, path) and key, and
 * a file of an owned table holds at most {@code maxOwnersPerFile} owners (fewer when it reaches the
 * engine's target file size first), so replacing one source file's rows rewrites the rows of at most
 * that many neighbours, whatever the table's size: the write amplification of a one-file edit is
 * bounded by the owners per file, not by the file size. The price is file count: about
 * owners / {@code maxOwnersPerFile} files per table (docs/delta-sink.md, "Layout").
 *
 * <p>Tables without owners (the sink's {@code commits}) only roll by size; compaction merges their
 * files under {@code unownedSmallFileBytes}.
 */
public record FileLayout(int maxOwnersPerFile, long unownedSmallFileBytes) implements Serializable {
    public static final FileLayout DEFAULT = new FileLayout(8, 8L * 1024 * 1024);

    public FileLayout {
        if (maxOwnersPerFile < 1) {
            throw new IllegalArgumentException("maxOwnersPerFile must be at least 1, not " + maxOwnersPerFile);
        }
        if (unownedSmallFileBytes < 1) {
            throw new IllegalArgumentException("unownedSmallFileBytes must be positive");
        }
    }
}
