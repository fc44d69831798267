package io.codeanatomy.sql.source;

import io.codeanatomy.delta.schema.TableSpec;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;

import java.util.List;

/**
 * A bounded FLIP-27 source of one pinned Delta table version: the files planned from the snapshot
 * (after data skipping) are its splits, read in parallel, some columns of each row.
 */
public final class DeltaSource implements Source<RowData, DeltaSplit, PendingSplits>, ResultTypeQueryable<RowData> {
    private final TableSpec spec;
    private final int[] columns;
    private final long limit;
    private final List<DeltaSplit> splits;
    private final TypeInformation<RowData> producedType;

    public DeltaSource(TableSpec spec, int[] columns, long limit, List<DeltaSplit> splits, TypeInformation<RowData> producedType) {
        this.spec = spec;
        this.columns = columns.clone();
        this.limit = limit;
        this.splits = List.copyOf(splits);
        this.producedType = producedType;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SplitEnumerator<DeltaSplit, PendingSplits> createEnumerator(SplitEnumeratorContext<DeltaSplit> context) {
        return new SplitQueueEnumerator(context, splits);
    }

    @Override
    public SplitEnumerator<DeltaSplit, PendingSplits> restoreEnumerator(SplitEnumeratorContext<DeltaSplit> context, PendingSplits state) {
        return new SplitQueueEnumerator(context, state.splits());
    }

    @Override
    public SimpleVersionedSerializer<DeltaSplit> getSplitSerializer() {
        return DeltaSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<PendingSplits> getEnumeratorCheckpointSerializer() {
        return new PendingSplits.Serializer();
    }

    @Override
    public SourceReader<RowData, DeltaSplit> createReader(SourceReaderContext context) {
        return new DeltaSourceReader(context, spec, columns, limit);
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }
}
