package io.codeanatomy.delta.kernel;

import java.io.Serializable;

/**
 * How a table's rows lie in its data files. Rows are sorted by owner (repository, path) and key, and
 * a file of an owned table holds at most {@code maxOwnersPerFile} owners and at most
 * {@code maxRowsPerSmallestOwner} times the rows of its smallest owner (fewer when it reaches the
 * engine's target file size first). Replacing one source file's rows rewrites the file that holds
 * them: at most that many neighbours, and at most that many times its own rows, whatever the table's
 * size. The owner bound keeps a big file's neighbours few; the row bound keeps a tiny file (an empty
 * {@code __init__.py}) from sharing a file with big neighbours, where a one-line edit of it would
 * rewrite a hundred times its rows. The price is file count: about owners / {@code maxOwnersPerFile}
 * files per table, more where small and big source files alternate (docs/delta-sink.md, "Layout").
 *
 * <p>Tables without owners (the sink's {@code commits}) only roll by size; compaction merges their
 * files under {@code unownedSmallFileBytes}.
 */
public record FileLayout(int maxOwnersPerFile, int maxRowsPerSmallestOwner, long unownedSmallFileBytes)
        implements Serializable {
    public static final FileLayout DEFAULT = new FileLayout(8, 12, 8L * 1024 * 1024);

    public FileLayout {
        if (maxOwnersPerFile < 1) {
            throw new IllegalArgumentException("maxOwnersPerFile must be at least 1, not " + maxOwnersPerFile);
        }
        if (maxRowsPerSmallestOwner < 1) {
            throw new IllegalArgumentException("maxRowsPerSmallestOwner must be at least 1, not " + maxRowsPerSmallestOwner);
        }
        if (unownedSmallFileBytes < 1) {
            throw new IllegalArgumentException("unownedSmallFileBytes must be positive");
        }
    }

    /** This layout with another owner bound (the row bound and the rest kept). */
    public FileLayout withMaxOwnersPerFile(int owners) {
        return new FileLayout(owners, maxRowsPerSmallestOwner, unownedSmallFileBytes);
    }

    /** Whether one file may hold rows with these counts (what compaction may merge into one file). */
    boolean fits(OwnerCounts counts) {
        return counts.owners() <= maxOwnersPerFile
                && (counts.owners() <= 1 || counts.rows() <= (long) maxRowsPerSmallestOwner * counts.smallestOwnerRows());
    }

    /**
     * Whether a file of {@code rows} rows whose smallest owner has {@code smallestOwnerRows} may take
     * one more owner of {@code ownerRows} rows, holding {@code owners} owners before it.
     */
    public boolean admits(int owners, long rows, long smallestOwnerRows, long ownerRows) {
        return owners == 0 || (owners < maxOwnersPerFile
                && rows + ownerRows <= (long) maxRowsPerSmallestOwner * Math.min(smallestOwnerRows, ownerRows));
    }
}
