package io.codeanatomy.sql.source;

import io.codeanatomy.sql.catalog.SystemTable;
import io.codeanatomy.sql.catalog.WarehousePins;
import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.delta.sink.CommitLog;
import io.codeanatomy.schema.CpgSchema;

import io.delta.kernel.engine.Engine;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.Optional;
import java.util.Set;

/**
 * Creates the source of a CPG table: the catalog's tables use it (no {@code connector} needed), and
 * {@code CREATE TABLE t (...) WITH ('connector'='codeanatomy-delta', 'warehouse'='...', 'table'='cpg_nodes')}
 * outside the catalog. Decides the version read: a {@code version} hint, else the session's
 * {@value WarehousePins#CHECKPOINT_SETTING}, else the catalog's pin (its newest checkpoint, or the one
 * of {@code FOR SYSTEM_TIME AS OF}), else the latest version.
 */
public final class CpgTableFactory implements DynamicTableSourceFactory {
    public static final String IDENTIFIER = "codeanatomy-delta";
    private static final ConfigOption<String> SESSION_CHECKPOINT =
            ConfigOptions.key(WarehousePins.CHECKPOINT_SETTING).stringType().noDefaultValue();

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(ReadOptions.WAREHOUSE, ReadOptions.TABLE);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(ReadOptions.VERSION, ReadOptions.PINNED_VERSION, ReadOptions.SYSTEM,
                ReadOptions.SCAN_BOUNDED, ReadOptions.POLL_INTERVAL);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validate();
        ReadableConfig options = helper.getOptions();
        String warehouse = options.get(ReadOptions.WAREHOUSE);
        String table = options.get(ReadOptions.TABLE);
        Engine engine = EngineFactory.create();
        Optional<Long> version = version(engine, options, context, warehouse, table);
        Optional<String> system = options.getOptional(ReadOptions.SYSTEM);
        if (system.isPresent()) {
            return new SystemTableSource(SystemTable.valueOf(system.get()), warehouse, table, version,
                    context.getCatalogTable().getResolvedSchema().toPhysicalRowDataType());
        }
        String tablePath = TablePaths.tablePath(warehouse, table);
        TableSpec spec = spec(engine, table, tablePath);
        boolean changelog = context.getConfiguration().get(ExecutionOptions.RUNTIME_MODE) == RuntimeExecutionMode.STREAMING
                && !options.get(ReadOptions.SCAN_BOUNDED);
        return new CpgTableSource(warehouse, spec, tablePath, version,
                context.getCatalogTable().getResolvedSchema().toPhysicalRowDataType(),
                changelog ? options.get(ReadOptions.POLL_INTERVAL).toMillis() : -1);
    }

    private static Optional<Long> version(Engine engine, ReadableConfig options, Context context, String warehouse, String table) {
        Optional<Long> version = options.getOptional(ReadOptions.VERSION);
        if (version.isEmpty()) {
            Optional<String> checkpoint = context.getConfiguration().getOptional(SESSION_CHECKPOINT);
            if (checkpoint.isPresent() && !checkpoint.get().isBlank()) {
                CommitLog.Checkpoint pinned = WarehousePins.named(engine, warehouse, checkpoint.get());
                Long v = pinned.versions.get(table);
                if (v == null) {
                    throw new ValidationException("'" + WarehousePins.CHECKPOINT_SETTING + "' = '" + checkpoint.get()
                            + "': checkpoint " + pinned.checkpointId + " committed no version of " + table);
                }
                version = Optional.of(v);
            } else {
                version = options.getOptional(ReadOptions.PINNED_VERSION);
            }
        }
        return version;
    }

    /** The registry's spec of a table by name; an error naming the table for a name it lacks. */
    static TableSpec spec(Engine engine, String table, String tablePath) {
        if (table.equals(CommitLog.TABLE)) {
            return CommitLog.specOf(engine, tablePath);
        }
        for (TableSpec s : CpgSchema.TABLES.tables()) {
            if (s.name().equals(table)) {
                return s;
            }
        }
        throw new ValidationException("'table' = '" + table + "' is not a CPG table (one of "
                + CpgSchema.TABLES.tables().stream().map(TableSpec::name).toList() + " or " + CommitLog.TABLE + ")");
    }
}
