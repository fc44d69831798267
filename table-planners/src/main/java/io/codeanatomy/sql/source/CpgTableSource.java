package io.codeanatomy.sql.source;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.PinnedSnapshot;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Predicate;

import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsFilterPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsLimitPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.types.DataType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A read of one CPG table at a pinned version: projection (top-level columns), filters converted for
 * data skipping (Flink still evaluates every filter on the rows, as Iceberg's source does), and a limit
 * per file; one split per data file that may match. In streaming mode (unless {@code scan.bounded}) the
 * table is that snapshot followed by its changes, a changelog of INSERT, UPDATE_BEFORE/AFTER and DELETE
 * rows, all read by one reader so each key's changes stay in order.
 */
public final class CpgTableSource implements ScanTableSource, SupportsProjectionPushDown, SupportsFilterPushDown,
        SupportsLimitPushDown {
    private static final Logger LOG = LoggerFactory.getLogger(CpgTableSource.class);

    private final String warehouse;
    private final TableSpec spec;
    private final String tablePath;
    private final Optional<Long> version;
    private DataType producedType;
    private int[] columns;
    private Optional<Predicate> filter = Optional.empty();
    private long limit = Long.MAX_VALUE;
    /** How often a changelog polls, or -1 for a bounded read. */
    private final long changelogPollMillis;

    CpgTableSource(String warehouse, TableSpec spec, String tablePath, Optional<Long> version, DataType producedType,
                   long changelogPollMillis) {
        this.warehouse = warehouse;
        this.changelogPollMillis = changelogPollMillis;
        this.spec = spec;
        this.tablePath = tablePath;
        this.version = version;
        this.producedType = producedType;
        this.columns = new int[spec.width()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = c;
        }
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return changelogPollMillis < 0 ? ChangelogMode.insertOnly() : ChangelogMode.all();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        PinnedSnapshot snapshot = PinnedSnapshot.of(EngineFactory.create(), tablePath, spec, version);
        List<DeltaSplit> splits = plan(snapshot);
        if (changelogPollMillis < 0) {
            return SourceProvider.of(new DeltaSource(spec, columns, limit, splits, context.createTypeInformation(producedType), null));
        }
        DeltaSource.Changelog changelog = new DeltaSource.Changelog(warehouse, spec.name(), tablePath, snapshot.version(),
                changelogPollMillis);
        return SourceProvider.of(new DeltaSource(spec, columns, limit, splits, context.createTypeInformation(producedType), changelog));
    }

    /** The splits of the read: one per data file of the pinned version that the filter may match. */
    private List<DeltaSplit> plan(PinnedSnapshot snapshot) {
        List<PinnedSnapshot.DataFile> files = snapshot.files(filter);
        List<DeltaSplit> splits = new ArrayList<>(files.size());
        for (PinnedSnapshot.DataFile f : files) {
            splits.add(DeltaSplit.file(spec.name() + "@" + snapshot.version() + "/" + splits.size(), tablePath,
                    snapshot.version(), f.path()));
        }
        if (filter.isPresent()) {
            LOG.info("{} version {}: reading {} of {} data files (skipping on {})", spec.name(), snapshot.version(),
                    files.size(), snapshot.files(Optional.empty()).size(), filter.get());
        } else {
            LOG.info("{} version {}: reading {} data files", spec.name(), snapshot.version(), files.size());
        }
        return splits;
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        int[] projected = new int[projectedFields.length];
        for (int i = 0; i < projected.length; i++) {
            projected[i] = columns[projectedFields[i][0]];
        }
        this.columns = projected;
        this.producedType = producedDataType;
    }

    @Override
    public Result applyFilters(List<ResolvedExpression> filters) {
        FilterConverter converter = new FilterConverter(spec);
        List<ResolvedExpression> accepted = new ArrayList<>();
        for (ResolvedExpression f : filters) {
            Optional<Predicate> p = converter.convert(f);
            if (p.isPresent()) {
                accepted.add(f);
                filter = Optional.of(filter.isEmpty() ? p.get() : new And(filter.get(), p.get()));
            }
        }
        return Result.of(accepted, filters);
    }

    @Override
    public void applyLimit(long limit) {
        this.limit = limit;
    }

    @Override
    public DynamicTableSource copy() {
        CpgTableSource copy = new CpgTableSource(warehouse, spec, tablePath, version, producedType, changelogPollMillis);
        copy.columns = columns.clone();
        copy.filter = filter;
        copy.limit = limit;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "CodeAnatomy " + spec.name() + version.map(v -> " version " + v).orElse(" latest");
    }
}
