package io.codeanatomy.bench;

import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.schema.CpgSchema;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Where the detected → visible time of a change went, from the Delta logs: a checkpoint commit of
 * the sink carries a {@code txn} action (application id, checkpoint id), a compaction does not. The
 * checkpoint commits whose files-table version (the first table committed) falls between detection
 * and visibility carried the change; the earliest of those times is when the Delta commit began.
 * Their versions in every table give the bytes added and removed. A commit without txn between our
 * commit and visibility is maintenance (compaction) that the change waited behind.
 */
final class CommitAttribution {
    private CommitAttribution() {
    }

    /** Fills the commit fields of {@code c}; false when no checkpoint commit was found (the commit start is then the visible time). */
    static boolean attribute(Path warehouse, TimedChange c) throws IOException {
        Set<String> carrying = new HashSet<>();
        long start = Long.MAX_VALUE;
        for (DeltaLogVersions.LogVersion v : DeltaLogVersions.since(warehouse, CpgSchema.FILES, c.committedAt, c.path)) {
            if (v.txn() != null && v.timestamp() >= c.detectedAt && v.timestamp() <= c.visibleAt) {
                carrying.add(v.txn());
                start = Math.min(start, v.timestamp());
            }
        }
        for (TableSpec spec : CpgSchema.TABLES.tables()) {
            for (DeltaLogVersions.LogVersion v : DeltaLogVersions.since(warehouse, spec.name(), c.committedAt, c.path)) {
                if (v.txn() != null && carrying.contains(v.txn())) {
                    c.bytesAdded += v.added();
                    c.bytesRemoved += v.removed();
                    c.bytesNewRows += v.ownAdded();
                    c.bytesRewritten += v.added() - v.ownAdded();
                } else if (v.txn() == null && v.timestamp() >= c.committedAt && v.timestamp() <= c.visibleAt) {
                    c.maintenanceCommits++;
                }
            }
        }
        c.checkpoints = carrying.size();
        c.commitStartAt = carrying.isEmpty() ? c.visibleAt : start;
        return !carrying.isEmpty();
    }
}
