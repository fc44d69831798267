package io.codeanatomy.sql.source;

import io.codeanatomy.delta.schema.TableSpec;

import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.table.data.RowData;

import java.util.Map;

/** A reader of data-file splits: asks for a file, reads it, asks for the next. */
final class DeltaSourceReader extends SingleThreadMultiplexSourceReaderBase<RowData, RowData, DeltaSplit, DeltaSourceReader.SplitProgress> {

    /** A split being read and how many of its rows were emitted (what a checkpoint records). */
    static final class SplitProgress {
        final DeltaSplit split;
        long emitted;

        SplitProgress(DeltaSplit split) {
            this.split = split;
            this.emitted = split.rowsToSkip();
        }
    }

    private static final RecordEmitter<RowData, RowData, SplitProgress> EMIT = (row, output, progress) -> {
        output.collect(row);
        progress.emitted++;
    };

    DeltaSourceReader(SourceReaderContext context, TableSpec spec, int[] columns, long limit) {
        super(() -> new DeltaFileSplitReader(spec, columns, limit), EMIT, new Configuration(), context);
    }

    @Override
    public void start() {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, SplitProgress> finished) {
        context.sendSplitRequest();
    }

    @Override
    protected SplitProgress initializedState(DeltaSplit split) {
        return new SplitProgress(split);
    }

    @Override
    protected DeltaSplit toSplitType(String splitId, SplitProgress progress) {
        return progress.split.skipping(progress.emitted);
    }
}
