package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.ParquetStager;
import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.engine.Engine;

import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Buffers owners' rows and writes them as Parquet files; hands the staged files and the replaced
 * owners to the committer at each checkpoint (or at the end of a bounded input).
 */
final class DeltaSinkWriter implements CommittingSinkWriter<OwnedRows, TableWrites> {
    private final DeltaSinkConfig config;
    private final Engine engine;
    private final List<ParquetStager> stagers = new ArrayList<>();
    private final List<Comparator<Object[]>> orders = new ArrayList<>();
    private final Map<Owner, OwnedRows> pending = new LinkedHashMap<>();
    private final Set<Owner> touched = new TreeSet<>();
    private final Map<String, List<StagedFile>> staged = new HashMap<>();
    private final Counter rowsOut;
    private final Counter bytesOut;
    private final Counter filesOut;
    private long pendingRows;

    DeltaSinkWriter(DeltaSinkConfig config, SinkWriterMetricGroup metrics) {
        this.config = config;
        this.engine = EngineFactory.create();
        for (TableSpec spec : config.tables().tables()) {
            stagers.add(new ParquetStager(engine, config.tablePath(spec.name()), spec));
            orders.add(rowOrder(spec));
        }
        this.rowsOut = metrics.getNumRecordsSendCounter();
        this.bytesOut = metrics.getNumBytesSendCounter();
        this.filesOut = metrics.counter("deltaFilesWritten");
    }

    @Override
    public void write(OwnedRows record, Context context) throws IOException {
        for (int t = 0; t < config.tables().size(); t++) {
            TableSpec spec = config.tables().get(t);
            for (Object[] row : record.rows(t)) {
                spec.validate(row); // Kernel does not enforce NOT NULL; a bad row must never reach a file
            }
        }
        OwnedRows previous = pending.put(record.owner(), record);
        if (previous != null) {
            pendingRows -= previous.rowCount();
        }
        touched.add(record.owner());
        pendingRows += record.rowCount();
        if (pendingRows >= config.rollRows()) {
            stagePending();
        }
    }

    @Override
    public void flush(boolean endOfInput) {
        // Nothing to do: data is staged in prepareCommit, which always follows.
    }

    @Override
    public List<TableWrites> prepareCommit() throws IOException {
        stagePending();
        if (touched.isEmpty()) {
            return List.of();
        }
        TableWrites writes = new TableWrites(touched, staged);
        touched.clear();
        staged.clear();
        return List.of(writes);
    }

    private void stagePending() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        for (int t = 0; t < config.tables().size(); t++) {
            List<Object[]> rows = new ArrayList<>();
            for (OwnedRows record : pending.values()) {
                rows.addAll(record.rows(t));
            }
            if (rows.isEmpty()) {
                continue;
            }
            rows.sort(orders.get(t));
            List<StagedFile> files = stagers.get(t).stage(rows);
            staged.computeIfAbsent(config.tables().get(t).name(), k -> new ArrayList<>()).addAll(files);
            rowsOut.inc(rows.size());
            filesOut.inc(files.size());
            for (StagedFile f : files) {
                bytesOut.inc(f.size());
            }
        }
        pending.clear();
        pendingRows = 0;
    }

    /** Owner first, then primary key: tight owner statistics per file and a stable layout. */
    private static Comparator<Object[]> rowOrder(TableSpec spec) {
        int repo = spec.repoIndex();
        int path = spec.pathIndex();
        int[] key = spec.primaryKeyIndexes();
        return (a, b) -> {
            int c = ((String) a[repo]).compareTo((String) b[repo]);
            if (c == 0) {
                c = ((String) a[path]).compareTo((String) b[path]);
            }
            for (int i = 0; c == 0 && i < key.length; i++) {
                c = compareValues(a[key[i]], b[key[i]]);
            }
            return c;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    @Override
    public void close() {
        pending.clear();
    }
}
