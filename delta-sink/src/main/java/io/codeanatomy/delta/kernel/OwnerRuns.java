package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.kernel.arrow.ArrowBatch;
import io.codeanatomy.delta.schema.TableSpec;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Cuts a stream of owner-sorted batches into the batches of successive data files, each within the
 * {@link FileLayout}'s bounds (owners per file, rows per smallest owner); an unowned table's rows are
 * one run. An owner's size is its run of rows in the batch where it starts (a lower bound when the
 * run goes on into the next batch, which only a big owner does). A source
 * batch is asked for only when the one before is used up, so a source that reuses its buffer (as
 * {@link ParquetStager#stage(Iterator)} does) stays valid while its slices are written.
 */
final class OwnerRuns {
    private final Iterator<ArrowBatch> source;
    private final int repoColumn;
    private final int pathColumn;
    private final FileLayout layout;
    private ArrowBatch current;
    private int position;

    OwnerRuns(Iterator<ArrowBatch> source, TableSpec spec, FileLayout layout) {
        this.source = source;
        this.repoColumn = spec.isOwned() ? spec.repoIndex() : -1;
        this.pathColumn = spec.isOwned() ? spec.pathIndex() : -1;
        this.layout = layout;
    }

    /** Whether rows are left for another file. */
    boolean hasNextFile() {
        return advance();
    }

    /** The batches of the next file: rows up to the start of the first owner the layout does not admit. */
    Iterator<ArrowBatch> nextFile() {
        if (!advance()) {
            throw new NoSuchElementException();
        }
        return new Iterator<>() {
            private int owners;
            private String repo;
            private String path;
            private long rows;
            private long smallestOwnerRows = Long.MAX_VALUE;

            @Override
            public boolean hasNext() {
                return advance() && (sameOwner(position) || admits(position));
            }

            /** Whether the owner starting at {@code row} fits in this file. */
            private boolean admits(int row) {
                return repoColumn < 0 || layout.admits(owners, rows, smallestOwnerRows, runLength(row));
            }

            /** The rows of the owner starting at {@code row} in the current batch. */
            private int runLength(int row) {
                int end = row + 1;
                while (end < current.getSize() && sameOwner(end, row)) {
                    end++;
                }
                return end - row;
            }

            @Override
            public ArrowBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int start = position;
                int end = start;
                if (repoColumn < 0) {
                    end = current.getSize();
                }
                // An owner at a time: its rows are compared with its first row once, then skipped.
                while (end < current.getSize()) {
                    int ownerRows = runLength(end);
                    if (!same(end)) {
                        if (!layout.admits(owners, rows + (end - start), smallestOwnerRows, ownerRows)) {
                            break;
                        }
                        owners++;
                        smallestOwnerRows = Math.min(smallestOwnerRows, ownerRows);
                        repo = current.getColumnVector(repoColumn).getString(end);
                        path = current.getColumnVector(pathColumn).getString(end);
                    }
                    end += ownerRows;
                }
                rows += end - start;
                position = end;
                return current.slice(start, end);
            }

            private boolean sameOwner(int row) {
                return repoColumn >= 0 && same(row);
            }

            /**
             * Whether the row belongs to this file's last owner. Rows come in order, so within a batch
             * that is the row before it (compared as bytes); the first row of a batch is compared with
             * the owner's strings, as the batch before may be gone.
             */
            private boolean same(int row) {
                if (owners == 0) {
                    return false;
                }
                if (row > 0) {
                    return sameOwner(row, row - 1);
                }
                return current.getColumnVector(repoColumn).getString(row).equals(repo)
                        && current.getColumnVector(pathColumn).getString(row).equals(path);
            }

            private boolean sameOwner(int a, int b) {
                return current.sameString(pathColumn, a, b) && current.sameString(repoColumn, a, b);
            }
        };
    }

    private boolean advance() {
        while (current == null || position >= current.getSize()) {
            if (!source.hasNext()) {
                current = null;
                return false;
            }
            current = source.next();
            position = 0;
        }
        return true;
    }
}
