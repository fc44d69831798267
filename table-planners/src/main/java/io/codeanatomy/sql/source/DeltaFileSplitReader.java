package io.codeanatomy.sql.source;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.PinnedSnapshot;
import io.codeanatomy.delta.schema.ColumnType;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.engine.Engine;

import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.table.data.RowData;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Reads the files assigned to one reader, one at a time, a batch of rows per fetch: the file's rows of
 * the projected columns as Flink rows, at most {@code limit} of each file, after the rows a restored
 * split already emitted.
 */
final class DeltaFileSplitReader implements SplitReader<RowData, DeltaSplit> {
    private static final int BATCH_ROWS = 2048;

    private final TableSpec spec;
    private final int[] columns;
    private final ColumnType[] types;
    private final long limit;
    private final Deque<DeltaSplit> assigned = new ArrayDeque<>();
    private Engine engine;
    /** The version the last file split pinned: its files are read one after another, the log replayed once. */
    private PinnedSnapshot pinned;
    private DeltaSplit current;
    private java.util.Iterator<RowData> rows;
    private PinnedSnapshot.FileRows fileRows;
    private long readInSplit;

    DeltaFileSplitReader(TableSpec spec, int[] columns, long limit) {
        this.spec = spec;
        this.columns = columns;
        this.limit = limit;
        this.types = new ColumnType[columns.length];
        for (int c = 0; c < columns.length; c++) {
            types[c] = spec.columns().get(columns[c]).type();
        }
    }

    @Override
    public RecordsWithSplitIds<RowData> fetch() throws IOException {
        RecordsBySplits.Builder<RowData> out = new RecordsBySplits.Builder<>();
        if (current == null) {
            current = assigned.poll();
            if (current == null) {
                return out.build();
            }
            if (engine == null) {
                engine = EngineFactory.create();
            }
            if (current.isChange()) {
                rows = VersionDiff.changes(engine, spec, current, columns).iterator();
            } else {
                fileRows = snapshot(current).read(current.filePath(), columns);
                rows = new java.util.Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return fileRows.hasNext();
                    }

                    @Override
                    public RowData next() {
                        return VersionDiff.row(fileRows.next(), types, org.apache.flink.types.RowKind.INSERT);
                    }
                };
            }
            readInSplit = 0;
            for (; readInSplit < current.rowsToSkip() && rows.hasNext(); readInSplit++) {
                rows.next();
            }
        }
        int n = 0;
        while (n < BATCH_ROWS && readInSplit < limit && rows.hasNext()) {
            out.add(current.splitId(), rows.next());
            readInSplit++;
            n++;
        }
        if (readInSplit >= limit || !rows.hasNext()) {
            out.addFinishedSplit(current.splitId());
            closeFile();
            rows = null;
            current = null;
        }
        return out.build();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<DeltaSplit> change) {
        assigned.addAll(change.splits());
    }

    @Override
    public void wakeUp() {
    }

    private PinnedSnapshot snapshot(DeltaSplit split) {
        if (pinned == null || !pinned.tablePath().equals(split.tablePath()) || pinned.version() != split.version()) {
            pinned = PinnedSnapshot.of(engine, split.tablePath(), spec, Optional.of(split.version()));
        }
        return pinned;
    }

    private void closeFile() throws IOException {
        if (fileRows != null) {
            fileRows.close();
            fileRows = null;
        }
    }

    @Override
    public void close() throws Exception {
        closeFile();
    }
}
