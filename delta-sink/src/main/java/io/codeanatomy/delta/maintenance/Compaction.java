package io.codeanatomy.delta.maintenance;

import io.codeanatomy.delta.kernel.FileLayout;
import io.codeanatomy.delta.kernel.MaintenanceCommit;
import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges a table's data files back into the {@link FileLayout} (owner order, bounded owners per file,
 * disjoint owner ranges; see {@code CompactionPlan}), as a no-data-change commit. Safe while
 * a job writes: if the job removes one of the same files first, Delta's conflict check rejects the
 * compaction, which is then simply dropped; if the compaction wins, the job re-plans its commit.
 */
public final class Compaction {
    private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);

    private Compaction() {
    }

    public static MaintenanceReport run(Engine engine, String tablePath, TableSpec spec, FileLayout layout, long hotSince) {
        long start = System.nanoTime();
        MaintenanceCommit.Result result;
        try {
            result = MaintenanceCommit.compact(engine, tablePath, spec, layout, hotSince);
        } catch (TableNotFoundException beingCreated) {
            return new MaintenanceReport(spec.name(), "compact", 0, 0, 0, 0, -1, 0);
        }
        MaintenanceReport report = new MaintenanceReport(spec.name(), "compact", result.filesIn, result.bytesIn,
                result.filesOut.size(), result.filesOut.stream().mapToLong(StagedFile::size).sum(), result.version,
                (System.nanoTime() - start) / 1_000_000);
        LOG.info("{}", report);
        return report;
    }
}
