package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads the rows of a table (or of some of its files) back as value arrays in schema order. */
public final class TableRows {
    private TableRows() {
    }

    /** Every row of the snapshot. */
    public static List<Object[]> readAll(Engine engine, Snapshot snapshot, TableSpec spec) {
        List<Object[]> out = new ArrayList<>();
        forEach(engine, snapshot, spec, out::add);
        return out;
    }

    /**
     * The latest snapshot of an existing table; a log that cannot be read is an
     * {@link UnreadableTableException} naming the table and the file (a missing table stays
     * {@link TableNotFoundException}).
     */
    public static Snapshot latest(Engine engine, String tablePath) {
        try {
            return TableManager.loadSnapshot(tablePath).build(engine);
        } catch (TableNotFoundException missing) {
            throw missing;
        } catch (RuntimeException e) {
            throw UnreadableTableException.of(tablePath, e);
        }
    }

    /** Every row of the snapshot, one at a time (a large table need not fit in memory). */
    public static void forEach(Engine engine, Snapshot snapshot, TableSpec spec, Consumer<Object[]> sink) {
        forEachFile(engine, snapshot, (scanState, file) -> readFile(engine, scanState, file, spec, sink));
    }

    /** The id of the snapshot's table, fixed at its creation: a table made anew at the same path has another. */
    public static String tableId(Snapshot snapshot) {
        return KernelInternals.tableId(snapshot);
    }

    /**
     * The rows of every active data file of the snapshot, by file (its path and deletion vector, in
     * log order); a file {@code known} holds under the same key is not read again. For a table that
     * gains a small file per commit and is read after each one ({@code commits}): a read costs the log
     * replay and the new files, not every file again.
     */
    public static Map<String, List<Object[]>> byFile(Engine engine, Snapshot snapshot, TableSpec spec,
                                                     Map<String, List<Object[]>> known) {
        Map<String, List<Object[]>> out = new LinkedHashMap<>();
        forEachFile(engine, snapshot, (scanState, file) -> {
            String key = KernelInternals.fileStatus(file).getPath()
                    + KernelInternals.deletionVectorId(file).map(dv -> "#" + dv).orElse("");
            List<Object[]> held = known.get(key);
            if (held == null) {
                List<Object[]> read = new ArrayList<>();
                readFile(engine, scanState, file, spec, read::add);
                held = List.copyOf(read);
            }
            out.put(key, held);
        });
        return out;
    }

    /** What is done with one active data file (its scan-file row) under the scan's state. */
    private interface FileVisit {
        void visit(Row scanState, Row scanFile) throws IOException;
    }

    /** Visits every active data file of the snapshot, in log order. */
    private static void forEachFile(Engine engine, Snapshot snapshot, FileVisit visit) {
        try {
            Scan scan = snapshot.getScanBuilder().build();
            Row scanState = scan.getScanState(engine);
            try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
                while (files.hasNext()) {
                    try (CloseableIterator<Row> rows = files.next().getRows()) {
                        while (rows.hasNext()) {
                            visit.visit(scanState, rows.next());
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // A damaged log (a commit cut short) fails here, while the scan replays it: name table and file.
            if (!UnreadableTableException.isReadFailure(e)) {
                throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
            }
            throw UnreadableTableException.of(snapshot.getPath(), e);
        }
    }

    /**
     * The rows of one active data file, honouring deletion vectors written by other engines; a missing
     * or damaged file is an {@link UnreadableTableException} naming it.
     */
    static void readFile(Engine engine, Row scanState, Row scanFileRow, TableSpec spec, Consumer<Object[]> sink)
            throws IOException {
        try (FileRowReader rows = FileRowReader.open(engine, scanState, scanFileRow, spec)) {
            rows.forEachRemaining(sink);
        }
    }

    /** The rows of staged (not yet committed) data files of this table. */
    public static List<Object[]> readStaged(Engine engine, TableSpec spec, List<StagedFile> files) throws IOException {
        List<FileStatus> statuses = new ArrayList<>();
        for (StagedFile f : files) {
            statuses.add(FileStatus.of(f.path(), f.size(), f.modificationTime()));
        }
        List<Object[]> out = new ArrayList<>();
        TableCodecs codecs = TableCodecs.of(spec);
        try (CloseableIterator<FileReadResult> batches = engine.getParquetHandler().readParquetFiles(
                CloseableIterators.of(statuses), codecs.deltaSchema(), Optional.empty())) {
            while (batches.hasNext()) {
                ColumnarBatch data = batches.next().getData();
                int[] ordinals = ordinals(data.getSchema(), spec);
                for (int r = 0; r < data.getSize(); r++) {
                    out.add(row(data, ordinals, codecs, r));
                }
            }
        }
        return out;
    }

    static int[] ordinals(StructType schema, TableSpec spec) {
        int[] ordinals = new int[spec.width()];
        for (int c = 0; c < spec.width(); c++) {
            ordinals[c] = schema.indexOf(spec.columns().get(c).name());
            if (ordinals[c] < 0) {
                throw new IllegalStateException("table " + spec.name() + ": data file lacks column "
                        + spec.columns().get(c).name());
            }
        }
        return ordinals;
    }

    static Object[] row(ColumnarBatch data, int[] ordinals, TableCodecs codecs, int r) {
        Object[] row = new Object[codecs.width()];
        for (int c = 0; c < row.length; c++) {
            ColumnVector v = data.getColumnVector(ordinals[c]);
            if (!v.isNullAt(r)) {
                row[c] = codecs.column(c).read(v, r);
            }
        }
        return row;
    }
}
