package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;

import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One version of a table, read file by file: what a parallel reader plans (the data files a filter
 * may match, by Kernel's data skipping on the files' min/max statistics) and reads (one file's rows,
 * some columns, deletion vectors honoured). Planning and reading may run in different processes: a
 * file is named by its path, and a reader pins the same version again.
 */
public final class PinnedSnapshot {
    private static final Pattern NUM_RECORDS = Pattern.compile("\"numRecords\"\\s*:\\s*(\\d+)");

    /** A data file of the version: its path (as the log names it, absolute), size and row count (-1 if unknown). */
    public record DataFile(String path, long size, long records) implements Serializable {
    }

    private final Engine engine;
    private final String tablePath;
    private final TableSpec spec;
    private final Snapshot snapshot;

    private PinnedSnapshot(Engine engine, String tablePath, TableSpec spec, Snapshot snapshot) {
        this.engine = engine;
        this.tablePath = tablePath;
        this.spec = spec;
        this.snapshot = snapshot;
    }

    /** The table at {@code version}, or at its latest version when empty. */
    public static PinnedSnapshot of(Engine engine, String tablePath, TableSpec spec, Optional<Long> version) {
        try {
            var loader = TableManager.loadSnapshot(tablePath);
            return new PinnedSnapshot(engine, tablePath, spec,
                    version.isPresent() ? loader.atVersion(version.get()).build(engine) : loader.build(engine));
        } catch (io.delta.kernel.exceptions.TableNotFoundException missing) {
            throw missing;
        } catch (RuntimeException e) {
            throw UnreadableTableException.of(tablePath, e);
        }
    }

    public long version() {
        return snapshot.getVersion();
    }

    public String tablePath() {
        return tablePath;
    }

    /** The data files that may hold rows matching {@code filter} (all of them without one), in log order. */
    public List<DataFile> files(Optional<Predicate> filter) {
        ScanBuilder builder = snapshot.getScanBuilder();
        if (filter.isPresent()) {
            builder = builder.withFilter(filter.get());
        }
        List<DataFile> out = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = builder.build().getScanFiles(engine, true)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> rows = files.next().getRows()) {
                    while (rows.hasNext()) {
                        Row row = rows.next();
                        var status = KernelInternals.fileStatus(row);
                        long records = KernelInternals.statsJson(row).map(PinnedSnapshot::numRecords).orElse(-1L);
                        out.add(new DataFile(status.getPath(), status.getSize(), records));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The rows of one data file of this version with the given columns (indexes into the spec), in the
     * file's order; the file must be active in this version.
     */
    public FileRows read(String filePath, int[] columns) {
        StructType all = TableCodecs.of(spec).deltaSchema();
        List<StructField> fields = new ArrayList<>();
        for (int c : columns) {
            fields.add(all.at(c));
        }
        Scan scan = snapshot.getScanBuilder().withReadSchema(new StructType(fields)).build();
        Row scanState = scan.getScanState(engine);
        CloseableIterator<FilteredColumnarBatch> files = null;
        try {
            files = scan.getScanFiles(engine);
            while (files.hasNext()) {
                try (CloseableIterator<Row> rows = files.next().getRows()) {
                    while (rows.hasNext()) {
                        Row row = rows.next();
                        if (KernelInternals.fileStatus(row).getPath().equals(filePath)) {
                            // The scan-file iterator stays open while the file is read: the row lives in its batch.
                            return new FileRows(FileRowReader.open(engine, scanState, row, spec, columns), files);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(files, e);
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
        closeQuietly(files, null);
        throw new IllegalStateException("table " + tablePath + " version " + version() + " has no active data file "
                + filePath + " (vacuumed or compacted away since it was planned?)");
    }

    private static void closeQuietly(Closeable c, Exception into) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            if (into != null) {
                into.addSuppressed(e);
            }
        }
    }

    static long numRecords(String statsJson) {
        Matcher m = NUM_RECORDS.matcher(statsJson);
        return m.find() ? Long.parseLong(m.group(1)) : -1L;
    }

    /** The rows of one file, as value arrays of the columns asked for. */
    public static final class FileRows implements Iterator<Object[]>, Closeable {
        private final FileRowReader reader;
        private final Closeable scanFiles;

        private FileRows(FileRowReader reader, Closeable scanFiles) {
            this.reader = reader;
            this.scanFiles = scanFiles;
        }

        @Override
        public boolean hasNext() {
            return reader.hasNext();
        }

        @Override
        public Object[] next() {
            return reader.next();
        }

        @Override
        public void close() throws IOException {
            try (scanFiles) {
                reader.close();
            }
        }
    }
}
