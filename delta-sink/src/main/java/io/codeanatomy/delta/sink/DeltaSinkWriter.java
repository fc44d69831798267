package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.ParquetStager;
import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.engine.Engine;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Buffers changes per table, writes Parquet files early when the buffer is full, and hands the
 * staged files, the replaced owners and the changed keys to the committer at each checkpoint (or
 * at the end of a bounded input).
 */
final class DeltaSinkWriter implements CommittingSinkWriter<OwnedRows, TableWrites> {
    private final DeltaSinkConfig config;
    private final Engine engine;
    private final List<TableSpec> specs;
    private final List<ParquetStager> stagers = new ArrayList<>();
    private final List<TableBuffer> buffers = new ArrayList<>();
    private final Set<Owner> replacedOwners = new TreeSet<>();
    private final List<Set<String>> changedKeys = new ArrayList<>();
    private final Counter rowsOut;
    private final Counter bytesOut;
    private final Counter filesOut;
    private final BufferAllocator allocator = new RootAllocator();
    private volatile long bufferedBytes;

    DeltaSinkWriter(DeltaSinkConfig config, SinkWriterMetricGroup metrics) {
        this.config = config;
        this.engine = EngineFactory.create(config.targetFileBytes());
        this.specs = config.tables().tables();
        for (TableSpec spec : specs) {
            stagers.add(new ParquetStager(engine, config.tablePath(spec.name()), spec, config.layout()));
            buffers.add(new TableBuffer(spec, allocator));
            changedKeys.add(new TreeSet<>());
        }
        this.rowsOut = metrics.getNumRecordsSendCounter();
        this.bytesOut = metrics.getNumBytesSendCounter();
        this.filesOut = metrics.counter("deltaFilesWritten");
        // Rows written to data files, per second (numRecordsSend counts them; Flink gives sinks no rate).
        metrics.meter("deltaRowsWrittenPerSecond", new MeterView(rowsOut));
        metrics.gauge("deltaBufferedBytes", () -> bufferedBytes);
    }

    @Override
    public void write(OwnedRows record, Context context) throws IOException {
        boolean upsert = record.op() == OwnedRows.Op.UPSERT;
        for (int t = 0; t < specs.size(); t++) {
            if (upsert || record.encoded(t) == null) {
                for (Object[] row : record.rows(t)) {
                    specs.get(t).validate(row); // Kernel does not enforce NOT NULL; a bad row must never reach a file
                }
            } // rows as received are checked as they are appended: a bad one fails the writer before it stages
        }
        if (!upsert) {
            release(record.owner());
        }
        for (Owner released : record.released()) {
            release(released);
        }
        for (int t = 0; t < specs.size(); t++) {
            TableBuffer buffer = buffers.get(t);
            if (upsert) {
                for (String key : record.deletedKeys(t)) {
                    buffer.dropKey(key);
                    changedKeys.get(t).add(key);
                }
                for (Object[] row : record.rows(t)) {
                    changedKeys.get(t).add(specs.get(t).keyOf(row));
                }
            }
            if (!upsert && record.encoded(t) != null) {
                buffer.put(record.encoded(t));
            } else {
                for (Object[] row : record.rows(t)) {
                    buffer.put(row, upsert);
                }
            }
        }
        long bytes = 0;
        long rows = 0;
        for (TableBuffer b : buffers) {
            bytes += b.bufferedBytes();
            rows += b.bufferedRows();
        }
        bufferedBytes = bytes;
        if (bytes >= config.bufferBytes() || rows >= config.rollRows()) {
            for (int t = 0; t < specs.size(); t++) {
                rowsOut.inc(buffers.get(t).bufferedRows());
                buffers.get(t).stage(stagers.get(t));
            }
            bufferedBytes = 0;
        }
    }

    private void release(Owner owner) {
        replacedOwners.add(owner);
        for (int t = 0; t < specs.size(); t++) {
            if (specs.get(t).isReplacedWithOwner()) {
                buffers.get(t).dropOwner(owner);
            }
        }
    }

    @Override
    public void flush(boolean endOfInput) {
        // Nothing to do: data is staged in prepareCommit, which always follows.
    }

    @Override
    public List<TableWrites> prepareCommit() throws IOException {
        Map<String, List<StagedFile>> files = new HashMap<>();
        Map<String, Set<String>> keys = new HashMap<>();
        for (int t = 0; t < specs.size(); t++) {
            String table = specs.get(t).name();
            long rows = buffers.get(t).bufferedRows();
            List<StagedFile> staged = buffers.get(t).finish(engine, stagers.get(t));
            rowsOut.inc(rows);
            // Bytes are counted here only: staged holds the early-flushed segments too (or their rewrites).
            bytesOut.inc(staged.stream().mapToLong(StagedFile::size).sum());
            filesOut.inc(staged.size());
            files.put(table, staged);
            keys.put(table, new TreeSet<>(changedKeys.get(t)));
            changedKeys.get(t).clear();
        }
        bufferedBytes = 0;
        TableWrites writes = new TableWrites(replacedOwners, keys, files);
        replacedOwners.clear();
        if (writes.isEmpty()) {
            return List.of();
        }
        config.faults().at(SinkStep.FILES_STAGED, -1, "");
        return List.of(writes);
    }

    @Override
    public void close() {
        buffers.forEach(TableBuffer::close);
        allocator.close();
    }
}
