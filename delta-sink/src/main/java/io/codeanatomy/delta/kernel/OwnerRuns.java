package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.kernel.arrow.ArrowBatch;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.data.ColumnVector;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Cuts a stream of owner-sorted batches into the batches of successive data files, each holding at
 * most {@code maxOwners} owners ({@link FileLayout}); an unowned table's rows are one run. A source
 * batch is asked for only when the one before is used up, so a source that reuses its buffer (as
 * {@link ParquetStager#stage(Iterator)} does) stays valid while its slices are written.
 */
final class OwnerRuns {
    private final Iterator<ArrowBatch> source;
    private final int repoColumn;
    private final int pathColumn;
    private final int maxOwners;
    private ArrowBatch current;
    private int position;

    OwnerRuns(Iterator<ArrowBatch> source, TableSpec spec, int maxOwners) {
        this.source = source;
        this.repoColumn = spec.isOwned() ? spec.repoIndex() : -1;
        this.pathColumn = spec.isOwned() ? spec.pathIndex() : -1;
        this.maxOwners = spec.isOwned() ? maxOwners : Integer.MAX_VALUE;
    }

    /** Whether rows are left for another file. */
    boolean hasNextFile() {
        return advance();
    }

    /** The batches of the next file: rows up to the start of owner number {@code maxOwners + 1}. */
    Iterator<ArrowBatch> nextFile() {
        if (!advance()) {
            throw new NoSuchElementException();
        }
        return new Iterator<>() {
            private int owners;
            private String repo;
            private String path;

            @Override
            public boolean hasNext() {
                return advance() && (owners < maxOwners || sameOwner(position));
            }

            @Override
            public ArrowBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int start = position;
                int end = start;
                ColumnVector repos = repoColumn < 0 ? null : current.getColumnVector(repoColumn);
                ColumnVector paths = pathColumn < 0 ? null : current.getColumnVector(pathColumn);
                while (end < current.getSize()) {
                    if (repos != null && !same(repos, paths, end)) {
                        if (owners == maxOwners) {
                            break;
                        }
                        owners++;
                        repo = repos.getString(end);
                        path = paths.getString(end);
                    }
                    end++;
                }
                position = end;
                return current.slice(start, end);
            }

            private boolean sameOwner(int row) {
                return repoColumn >= 0 && same(current.getColumnVector(repoColumn), current.getColumnVector(pathColumn), row);
            }

            private boolean same(ColumnVector repos, ColumnVector paths, int row) {
                return owners > 0 && repos.getString(row).equals(repo) && paths.getString(row).equals(path);
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
