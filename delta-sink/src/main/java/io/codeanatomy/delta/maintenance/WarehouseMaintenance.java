package io.codeanatomy.delta.maintenance;

import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.engine.Engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Maintenance over every table of a warehouse, for the `maintain` command and the sink's policy. */
public final class WarehouseMaintenance {
    private WarehouseMaintenance() {
    }

    public static List<MaintenanceReport> compact(Engine engine, String warehouse, Collection<TableSpec> tables,
                                                  long smallFileBytes, int minSmallFiles) {
        List<MaintenanceReport> reports = new ArrayList<>();
        for (TableSpec spec : tables) {
            if (TablePaths.exists(warehouse, spec.name())) {
                reports.add(Compaction.run(engine, TablePaths.tablePath(warehouse, spec.name()), spec, smallFileBytes,
                        minSmallFiles));
            }
        }
        return reports;
    }

    public static List<MaintenanceReport> vacuum(Engine engine, String warehouse, Collection<TableSpec> tables,
                                                 Duration retention) {
        List<MaintenanceReport> reports = new ArrayList<>();
        for (TableSpec spec : tables) {
            if (TablePaths.exists(warehouse, spec.name())) {
                reports.add(Vacuum.run(engine, spec.name(), TablePaths.tablePath(warehouse, spec.name()), retention));
            }
        }
        return reports;
    }
}
