package io.codeanatomy.sql.catalog;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.PinnedSnapshot;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.delta.sink.CommitLog;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.schema.CpgViews;
import io.codeanatomy.schema.FlinkSchemas;
import io.codeanatomy.sql.source.CpgTableFactory;
import io.codeanatomy.sql.source.ReadOptions;

import io.delta.kernel.engine.Engine;

import org.apache.flink.table.catalog.AbstractCatalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.CatalogView;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogView;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.factories.Factory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The warehouse as a Flink catalog: one database, {@value #DATABASE}, whose tables are the CPG tables
 * the warehouse holds (and {@code commits}), with their schemas from the one schema registry, the
 * system tables, the shipped views, and the views users create (kept in the warehouse). Otherwise
 * read-only: the tables are written by {@code codeanatomy index} and {@code watch}. Every table of a statement is
 * read at the newest committed checkpoint (one pin, kept while the planner's calls for a statement
 * follow each other), or at the checkpoint of {@code FOR SYSTEM_TIME AS OF}.
 */
public final class CpgCatalog extends AbstractCatalog {
    public static final String DATABASE = "main";
    /** A statement's getTable calls follow within this time; a pin older than it since the last call is refreshed. */
    private static final long PIN_QUIET_MILLIS = 1000;

    /** The shipped views: the schema's and the relationship specs'. */
    private static final List<CpgViews.View> SHIPPED_VIEWS = shippedViews();

    private final String warehouse;
    private final UserViews userViews;
    private Engine engine;
    private Optional<CommitLog.Checkpoint> pin = Optional.empty();
    private long lastPinUse;
    private List<TableSpec> present;
    private long presentAt;

    public CpgCatalog(String name, String warehouse) {
        super(name, DATABASE);
        this.warehouse = warehouse;
        this.userViews = new UserViews(warehouse, DATABASE);
    }

    public String warehouse() {
        return warehouse;
    }

    @Override
    public void open() {
        engine = EngineFactory.create();
    }

    @Override
    public void close() {
    }

    @Override
    public Optional<Factory> getFactory() {
        return Optional.of(new CpgTableFactory());
    }

    private Engine engine() {
        if (engine == null) {
            engine = EngineFactory.create();
        }
        return engine;
    }

    // ---- databases

    @Override
    public List<String> listDatabases() {
        return List.of(DATABASE);
    }

    @Override
    public CatalogDatabase getDatabase(String databaseName) throws DatabaseNotExistException {
        if (!databaseExists(databaseName)) {
            throw new DatabaseNotExistException(getName(), databaseName);
        }
        return new CatalogDatabaseImpl(Map.of(), "the CPG tables of " + warehouse);
    }

    @Override
    public boolean databaseExists(String databaseName) {
        return DATABASE.equals(databaseName);
    }

    // ---- tables

    /**
     * The specs of the tables the warehouse holds, in registry order, {@code commits} last; listed again
     * once a statement's burst of catalog calls is over (as the pin is).
     */
    private synchronized List<TableSpec> present() {
        long now = System.currentTimeMillis();
        if (present == null || now - presentAt > PIN_QUIET_MILLIS) {
            present = listPresent();
        }
        presentAt = now;
        return present;
    }

    private List<TableSpec> listPresent() {
        List<TableSpec> out = new ArrayList<>();
        for (TableSpec s : CpgSchema.TABLES.tables()) {
            if (TablePaths.exists(warehouse, s.name())) {
                out.add(s);
            }
        }
        if (TablePaths.exists(warehouse, CommitLog.TABLE)) {
            out.add(CommitLog.specOf(engine(), TablePaths.tablePath(warehouse, CommitLog.TABLE)));
        }
        return out;
    }

    private Optional<TableSpec> spec(ObjectPath path) {
        if (!databaseExists(path.getDatabaseName())) {
            return Optional.empty();
        }
        return present().stream().filter(s -> s.name().equals(path.getObjectName())).findFirst();
    }

    /** The data tables and {@code checkpoints}; the {@code T$history} and {@code T$files} system tables are not listed. */
    @Override
    public List<String> listTables(String databaseName) throws DatabaseNotExistException {
        getDatabase(databaseName);
        List<String> out = new ArrayList<>(present().stream().map(TableSpec::name).toList());
        if (out.contains(CommitLog.TABLE)) {
            out.add(SystemTable.CHECKPOINTS_TABLE);
        }
        return out;
    }

    /** The shipped views (CpgViews), whose tables the warehouse holds, then the views users created. */
    @Override
    public List<String> listViews(String databaseName) throws DatabaseNotExistException {
        getDatabase(databaseName);
        List<String> out = new ArrayList<>(present().isEmpty() ? List.of() : SHIPPED_VIEWS.stream().map(CpgViews.View::name).toList());
        out.addAll(userViews.names());
        return out;
    }



    private Optional<CpgViews.View> view(ObjectPath path) {
        if (!databaseExists(path.getDatabaseName()) || present().isEmpty()) {
            return Optional.empty();
        }
        return SHIPPED_VIEWS.stream().filter(v -> v.name().equals(path.getObjectName())).findFirst();
    }

    private static List<CpgViews.View> shippedViews() {
        List<CpgViews.View> all = new ArrayList<>(CpgViews.VIEWS);
        all.addAll(io.codeanatomy.specs.SpecViews.shipped());
        return List.copyOf(all);
    }

    private static CatalogView catalogView(CpgViews.View v) {
        return CatalogView.of(FlinkSchemas.schema(v.columns()), v.comment(), v.sql(), v.sql(), Map.of());
    }

    /** A system table of the warehouse: {@code checkpoints} where there is a {@code commits} table, {@code T$...} for a data table T. */
    private Optional<SystemTable.Named> system(ObjectPath path) {
        if (!databaseExists(path.getDatabaseName())) {
            return Optional.empty();
        }
        return SystemTable.parse(path.getObjectName()).filter(s -> s.kind() == SystemTable.CHECKPOINTS
                ? TablePaths.exists(warehouse, CommitLog.TABLE)
                : present().stream().anyMatch(t -> t.name().equals(s.table())));
    }

    private Optional<CatalogView> userView(ObjectPath path) {
        return databaseExists(path.getDatabaseName()) ? userViews.get(path.getObjectName()) : Optional.empty();
    }

    @Override
    public boolean tableExists(ObjectPath path) {
        return spec(path).isPresent() || system(path).isPresent() || view(path).isPresent() || userView(path).isPresent();
    }

    @Override
    public CatalogBaseTable getTable(ObjectPath path) throws TableNotExistException {
        Optional<CpgViews.View> view = view(path);
        if (view.isPresent()) {
            return catalogView(view.get());
        }
        Optional<SystemTable.Named> system = system(path);
        if (system.isPresent()) {
            return systemTable(system.get(), currentPin());
        }
        Optional<CatalogView> user = userView(path);
        if (user.isPresent()) {
            return user.get();
        }
        TableSpec spec = spec(path).orElseThrow(() -> new TableNotExistException(getName(), path));
        return table(spec, currentPin());
    }

    private CatalogTable systemTable(SystemTable.Named system, Optional<CommitLog.Checkpoint> checkpoint) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(ReadOptions.WAREHOUSE.key(), warehouse);
        options.put(ReadOptions.TABLE.key(), system.table().isEmpty() ? CommitLog.TABLE : system.table());
        options.put(ReadOptions.SYSTEM.key(), system.kind().name());
        checkpoint.map(c -> c.versions.get(system.table()))
                .ifPresent(v -> options.put(ReadOptions.PINNED_VERSION.key(), Long.toString(v)));
        return CatalogTable.newBuilder().schema(system.kind().schema()).comment(system.kind().comment(system.table()))
                .options(options).build();
    }

    @Override
    public CatalogBaseTable getTable(ObjectPath path, long timestamp) throws TableNotExistException {
        Optional<CpgViews.View> view = view(path);
        if (view.isPresent()) {
            return catalogView(view.get()); // its tables are pinned when the planner reads them
        }
        Optional<CatalogView> user = userView(path);
        if (user.isPresent()) {
            return user.get();
        }
        Optional<SystemTable.Named> system = system(path);
        if (system.isPresent()) {
            return systemTable(system.get(), Optional.of(WarehousePins.at(engine(), warehouse, timestamp)));
        }
        TableSpec spec = spec(path).orElseThrow(() -> new TableNotExistException(getName(), path));
        return table(spec, Optional.of(WarehousePins.at(engine(), warehouse, timestamp)));
    }

    /** The newest checkpoint, kept while calls follow each other within {@link #PIN_QUIET_MILLIS}. */
    private synchronized Optional<CommitLog.Checkpoint> currentPin() {
        long now = System.currentTimeMillis();
        if (pin.isEmpty() || now - lastPinUse > PIN_QUIET_MILLIS) {
            pin = WarehousePins.latest(engine(), warehouse);
        }
        lastPinUse = now;
        return pin;
    }

    private CatalogTable table(TableSpec spec, Optional<CommitLog.Checkpoint> checkpoint) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(ReadOptions.WAREHOUSE.key(), warehouse);
        options.put(ReadOptions.TABLE.key(), spec.name());
        checkpoint.map(c -> c.versions.get(spec.name()))
                .ifPresent(v -> options.put(ReadOptions.PINNED_VERSION.key(), Long.toString(v)));
        return CatalogTable.newBuilder()
                .schema(FlinkSchemas.schema(spec))
                .comment(spec.doc())
                .options(options)
                .build();
    }

    @Override
    public CatalogTableStatistics getTableStatistics(ObjectPath path) throws TableNotExistException {
        if (system(path).isPresent() || view(path).isPresent() || userView(path).isPresent()) {
            return CatalogTableStatistics.UNKNOWN;
        }
        TableSpec spec = spec(path).orElseThrow(() -> new TableNotExistException(getName(), path));
        Optional<Long> version = currentPin().map(c -> c.versions.get(spec.name()));
        PinnedSnapshot snapshot = PinnedSnapshot.of(engine(), TablePaths.tablePath(warehouse, spec.name()), spec, version);
        List<PinnedSnapshot.DataFile> files = snapshot.files(Optional.empty());
        long rows = 0;
        long bytes = 0;
        for (PinnedSnapshot.DataFile f : files) {
            bytes += f.size();
            rows = rows < 0 || f.records() < 0 ? -1 : rows + f.records();
        }
        return new CatalogTableStatistics(rows, files.size(), bytes, -1);
    }

    @Override
    public CatalogColumnStatistics getTableColumnStatistics(ObjectPath path) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    // ---- read-only: what would change the warehouse

    private CatalogException readOnly(String what) {
        return new CatalogException("catalog '" + getName() + "' is read-only: " + what + " is not supported (the CPG tables of "
                + warehouse + " are written by `codeanatomy index` and `codeanatomy watch`)");
    }

    @Override
    public void createDatabase(String name, CatalogDatabase database, boolean ignoreIfExists) {
        throw readOnly("CREATE DATABASE");
    }

    @Override
    public void dropDatabase(String name, boolean ignoreIfNotExists, boolean cascade) {
        throw readOnly("DROP DATABASE");
    }

    @Override
    public void alterDatabase(String name, CatalogDatabase newDatabase, boolean ignoreIfNotExists) {
        throw readOnly("ALTER DATABASE");
    }

    /** DROP VIEW of a view a user created; everything else is read-only. */
    @Override
    public void dropTable(ObjectPath tablePath, boolean ignoreIfNotExists) throws TableNotExistException {
        if (userView(tablePath).isPresent()) {
            userViews.remove(tablePath.getObjectName());
            return;
        }
        if (!tableExists(tablePath)) {
            if (ignoreIfNotExists) {
                return;
            }
            throw new TableNotExistException(getName(), tablePath);
        }
        throw readOnly("DROP TABLE " + tablePath.getFullName());
    }

    @Override
    public void renameTable(ObjectPath tablePath, String newTableName, boolean ignoreIfNotExists) {
        throw readOnly("ALTER TABLE " + tablePath.getFullName() + " RENAME");
    }

    /** CREATE VIEW keeps the view in the warehouse for every session; CREATE TABLE is refused. */
    @Override
    public void createTable(ObjectPath tablePath, CatalogBaseTable table, boolean ignoreIfExists)
            throws TableAlreadyExistException, DatabaseNotExistException {
        if (!(table instanceof ResolvedCatalogView view)) {
            throw readOnly("CREATE TABLE " + tablePath.getFullName() + " (CREATE VIEW is supported)");
        }
        getDatabase(tablePath.getDatabaseName());
        if (tableExists(tablePath)) {
            if (ignoreIfExists && userView(tablePath).isPresent()) {
                return;
            }
            throw new TableAlreadyExistException(getName(), tablePath);
        }
        userViews.put(tablePath.getObjectName(), view);
    }

    @Override
    public void alterTable(ObjectPath tablePath, CatalogBaseTable newTable, boolean ignoreIfNotExists) {
        throw readOnly("ALTER TABLE " + tablePath.getFullName());
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath tablePath) throws TableNotPartitionedException {
        throw new TableNotPartitionedException(getName(), tablePath);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws TableNotPartitionedException {
        throw new TableNotPartitionedException(getName(), tablePath);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitionsByFilter(ObjectPath tablePath, List<Expression> filters)
            throws TableNotPartitionedException {
        throw new TableNotPartitionedException(getName(), tablePath);
    }

    @Override
    public CatalogPartition getPartition(ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws PartitionNotExistException {
        throw new PartitionNotExistException(getName(), tablePath, partitionSpec);
    }

    @Override
    public boolean partitionExists(ObjectPath tablePath, CatalogPartitionSpec partitionSpec) {
        return false;
    }

    @Override
    public void createPartition(ObjectPath tablePath, CatalogPartitionSpec partitionSpec, CatalogPartition partition,
                                boolean ignoreIfExists) {
        throw readOnly("adding a partition");
    }

    @Override
    public void dropPartition(ObjectPath tablePath, CatalogPartitionSpec partitionSpec, boolean ignoreIfNotExists) {
        throw readOnly("dropping a partition");
    }

    @Override
    public void alterPartition(ObjectPath tablePath, CatalogPartitionSpec partitionSpec, CatalogPartition newPartition,
                               boolean ignoreIfNotExists) {
        throw readOnly("altering a partition");
    }

    @Override
    public List<String> listFunctions(String dbName) {
        return List.of();
    }

    @Override
    public CatalogFunction getFunction(ObjectPath functionPath) throws FunctionNotExistException {
        throw new FunctionNotExistException(getName(), functionPath);
    }

    @Override
    public boolean functionExists(ObjectPath functionPath) {
        return false;
    }

    @Override
    public void createFunction(ObjectPath functionPath, CatalogFunction function, boolean ignoreIfExists) {
        throw readOnly("CREATE FUNCTION");
    }

    @Override
    public void alterFunction(ObjectPath functionPath, CatalogFunction newFunction, boolean ignoreIfNotExists) {
        throw readOnly("ALTER FUNCTION");
    }

    @Override
    public void dropFunction(ObjectPath functionPath, boolean ignoreIfNotExists) {
        throw readOnly("DROP FUNCTION");
    }

    @Override
    public CatalogTableStatistics getPartitionStatistics(ObjectPath tablePath, CatalogPartitionSpec partitionSpec) {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getPartitionColumnStatistics(ObjectPath tablePath, CatalogPartitionSpec partitionSpec) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public void alterTableStatistics(ObjectPath tablePath, CatalogTableStatistics tableStatistics, boolean ignoreIfNotExists) {
        throw readOnly("ANALYZE TABLE");
    }

    @Override
    public void alterTableColumnStatistics(ObjectPath tablePath, CatalogColumnStatistics columnStatistics,
                                           boolean ignoreIfNotExists) {
        throw readOnly("ANALYZE TABLE");
    }

    @Override
    public void alterPartitionStatistics(ObjectPath tablePath, CatalogPartitionSpec partitionSpec,
                                         CatalogTableStatistics partitionStatistics, boolean ignoreIfNotExists) {
        throw readOnly("ANALYZE TABLE");
    }

    @Override
    public void alterPartitionColumnStatistics(ObjectPath tablePath, CatalogPartitionSpec partitionSpec,
                                               CatalogColumnStatistics columnStatistics, boolean ignoreIfNotExists) {
        throw readOnly("ANALYZE TABLE");
    }
}
