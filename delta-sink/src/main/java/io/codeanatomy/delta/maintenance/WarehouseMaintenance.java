package io.codeanatomy.delta.maintenance;

import io.codeanatomy.delta.kernel.TableCreator;
import io.codeanatomy.delta.kernel.FileLayout;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.UnreadableTableException;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/** Maintenance over every table of a warehouse, for the `maintain` command and the sink's policy. */
public final class WarehouseMaintenance {
    private WarehouseMaintenance() {
    }

    /** Compacts every table; a file of one owner written within {@code hotAge} is left alone. */
    public static List<MaintenanceReport> compact(Engine engine, String warehouse, Collection<TableSpec> tables,
                                                  FileLayout layout, Duration hotAge) {
        long hotSince = System.currentTimeMillis() - hotAge.toMillis();
        List<MaintenanceReport> reports = new ArrayList<>();
        for (TableSpec spec : tables) {
            if (TablePaths.exists(warehouse, spec.name())) {
                String tablePath = TablePaths.tablePath(warehouse, spec.name());
                reports.add(readingTable(engine, tablePath, spec, () -> Compaction.run(engine, tablePath, spec, layout, hotSince)));
            }
        }
        return reports;
    }

    public static List<MaintenanceReport> vacuum(Engine engine, String warehouse, Collection<TableSpec> tables,
                                                 Duration retention) {
        List<MaintenanceReport> reports = new ArrayList<>();
        for (TableSpec spec : tables) {
            if (TablePaths.exists(warehouse, spec.name())) {
                String tablePath = TablePaths.tablePath(warehouse, spec.name());
                reports.add(readingTable(engine, tablePath, spec, () -> Vacuum.run(engine, spec.name(), tablePath, retention)));
            }
        }
        return reports;
    }

    /** A damaged log, a missing file or another schema is reported naming the table and the file, not as Kernel's bare exception. */
    private static MaintenanceReport readingTable(Engine engine, String tablePath, TableSpec spec,
                                                  Supplier<MaintenanceReport> work) {
        try {
            try {
                // A table of another schema (someone else's under our name) is neither rewritten nor vacuumed.
                TableCreator.requireSchema(engine, tablePath, spec);
            } catch (TableNotFoundException beingCreated) {
                // the maintenance itself reports a table still being created
            }
            return work.get();
        } catch (RuntimeException e) {
            if (UnreadableTableException.isReadFailure(e)) {
                throw UnreadableTableException.of(tablePath, e);
            }
            throw e;
        }
    }
}
