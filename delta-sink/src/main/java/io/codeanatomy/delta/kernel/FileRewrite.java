package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Copy-on-write of one data file: its rows but those a commit removes, streamed in the file's order
 * (the table's owner/key order) into new data files. It holds a Kernel batch of the file at a time,
 * never the kept rows. Statistics only bound a file's range, so the file is first read up to its first
 * removed row to learn that it holds one at all (a file that holds none is not rewritten).
 */
final class FileRewrite {
    /** The files holding the kept rows (none when the file held only removed rows). */
    final List<StagedFile> files;
    /** The most rows held in memory at once: one batch of the file. */
    final long peakRowsHeld;

    private FileRewrite(List<StagedFile> files, long peakRowsHeld) {
        this.files = files;
        this.peakRowsHeld = peakRowsHeld;
    }

    /** The rewrite of {@code file} without the removed rows, or empty when it holds none of them. */
    static Optional<FileRewrite> of(Engine engine, Row scanState, ActiveFile file, TableSpec spec, RowRemoval removal,
                                    ParquetStager stager) throws IOException {
        int probed;
        try (FileRowReader rows = FileRowReader.open(engine, scanState, file.scanFileRow, spec)) {
            if (!removesAny(rows, removal)) {
                return Optional.empty();
            }
            probed = rows.peakBatchRows();
        }
        try (FileRowReader rows = FileRowReader.open(engine, scanState, file.scanFileRow, spec)) {
            List<StagedFile> files = stager.stage(kept(rows, removal));
            return Optional.of(new FileRewrite(files, Math.max(probed, rows.peakBatchRows())));
        }
    }

    private static boolean removesAny(Iterator<Object[]> rows, RowRemoval removal) {
        while (rows.hasNext()) {
            if (removal.removes(rows.next())) {
                return true;
            }
        }
        return false;
    }

    private static Iterator<Object[]> kept(Iterator<Object[]> rows, RowRemoval removal) {
        return new Iterator<>() {
            private Object[] ahead;

            @Override
            public boolean hasNext() {
                while (ahead == null && rows.hasNext()) {
                    Object[] row = rows.next();
                    if (!removal.removes(row)) {
                        ahead = row;
                    }
                }
                return ahead != null;
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object[] row = ahead;
                ahead = null;
                return row;
            }
        };
    }
}
