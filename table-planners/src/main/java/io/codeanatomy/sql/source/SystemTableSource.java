package io.codeanatomy.sql.source;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.sql.catalog.SystemTable;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

import java.util.List;
import java.util.Optional;

/** A system table's rows, computed from the warehouse's logs when the statement is planned (they are few). */
final class SystemTableSource implements ScanTableSource {
    private final SystemTable kind;
    private final String warehouse;
    private final String table;
    private final Optional<Long> version;
    private final DataType producedType;

    SystemTableSource(SystemTable kind, String warehouse, String table, Optional<Long> version, DataType producedType) {
        this.kind = kind;
        this.warehouse = warehouse;
        this.table = table;
        this.version = version;
        this.producedType = producedType;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        List<RowData> rows = kind.rows(EngineFactory.create(), warehouse, table, version);
        TypeInformation<RowData> type = context.createTypeInformation(producedType);
        return new DataStreamScanProvider() {
            @Override
            public DataStream<RowData> produceDataStream(org.apache.flink.table.connector.ProviderContext providerContext,
                                                         org.apache.flink.streaming.api.environment.StreamExecutionEnvironment env) {
                if (rows.isEmpty()) {
                    // A source of no rows: one placeholder, filtered out (an empty collection is refused).
                    return env.fromData(List.<RowData>of(new GenericRowData(0)), type).filter(r -> false).returns(type);
                }
                return env.fromData(rows, type);
            }

            @Override
            public boolean isBounded() {
                return true;
            }
        };
    }

    @Override
    public DynamicTableSource copy() {
        return new SystemTableSource(kind, warehouse, table, version, producedType);
    }

    @Override
    public String asSummaryString() {
        return "CodeAnatomy system table " + kind;
    }
}
