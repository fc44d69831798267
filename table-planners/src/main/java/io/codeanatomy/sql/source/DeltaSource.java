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
 * A FLIP-27 source of one CPG table. Bounded: the files planned from a pinned version (after data
 * skipping) are its splits, read in parallel, some columns of each row. As a changelog: those files,
 * then each later committed version's change ({@link ChangelogEnumerator}).
 */
public final class DeltaSource implements Source<RowData, DeltaSplit, PendingSplits>, ResultTypeQueryable<RowData> {
    /** What a changelog polls: the warehouse's commits, for this table, from the pinned version on. */
    public record Changelog(String warehouse, String table, String tablePath, long pinnedVersion, long pollMillis)
            implements java.io.Serializable {
    }

    private final TableSpec spec;
    private final Changelog changelog;
    private final int[] columns;
    private final long limit;
    private final List<DeltaSplit> splits;
    private final TypeInformation<RowData> producedType;

    public DeltaSource(TableSpec spec, int[] columns, long limit, List<DeltaSplit> splits, TypeInformation<RowData> producedType,
                       Changelog changelog) {
        this.spec = spec;
        this.changelog = changelog;
        this.columns = columns.clone();
        this.limit = limit;
        this.splits = List.copyOf(splits);
        this.producedType = producedType;
    }

    @Override
    public Boundedness getBoundedness() {
        return changelog == null ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<DeltaSplit, PendingSplits> createEnumerator(SplitEnumeratorContext<DeltaSplit> context) {
        if (changelog != null) {
            return new ChangelogEnumerator(context, changelog.warehouse(), changelog.table(), changelog.tablePath(),
                    changelog.pollMillis(), splits, changelog.pinnedVersion());
        }
        return new SplitQueueEnumerator(context, splits);
    }

    @Override
    public SplitEnumerator<DeltaSplit, PendingSplits> restoreEnumerator(SplitEnumeratorContext<DeltaSplit> context, PendingSplits state) {
        if (changelog != null) {
            return new ChangelogEnumerator(context, changelog.warehouse(), changelog.table(), changelog.tablePath(),
                    changelog.pollMillis(), state.splits(), state.lastVersion());
        }
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
        return new DeltaSourceReader(context, spec, columns, changelog == null ? limit : Long.MAX_VALUE);
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }
}
