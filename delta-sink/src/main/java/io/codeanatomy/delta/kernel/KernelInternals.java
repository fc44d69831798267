package io.codeanatomy.delta.kernel;

import io.delta.kernel.data.Row;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;

import java.net.URI;
import java.util.Map;

import java.util.Optional;

/**
 * The only place that touches Delta Kernel's {@code internal} classes.
 *
 * <p>Kernel 4.4.0 has no public API for remove actions (delta-io/delta#3988) nor for reading a
 * scan file's status; these calls are the ones its own examples use. Pinned to the exact Kernel
 * version in the parent pom; replace with {@code Transaction.generateRemoveActions} once released.
 */
final class KernelInternals {
    private KernelInternals() {
    }

    /** A remove action for an active file, carrying its stats and any deletion vector. */
    static Row removeAction(Row scanFileRow, boolean dataChange, long timestampMillis) {
        AddFile add = new AddFile(scanFileRow.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL));
        return SingleAction.createRemoveFileSingleAction(add.toRemoveFileRow(dataChange, Optional.of(timestampMillis)));
    }

    /** An add action marked as no data change, for compaction rewrites (Kernel's public API always sets true). */
    static Row addActionWithoutDataChange(StructType schema, String tablePath, DataFileStatus file) {
        AddFile add = AddFile.convertDataFileStatus(schema, URI.create(tablePath), file, Map.of(), false, Map.of(),
                Optional.empty(), Optional.empty(), Optional.empty());
        return SingleAction.createAddFileSingleAction(add.toRow());
    }

    /** The table's id (its metadata's, fixed when the table was created): a table made anew at a path has another. */
    static String tableId(io.delta.kernel.Snapshot snapshot) {
        return ((io.delta.kernel.internal.SnapshotImpl) snapshot).getMetadata().getId();
    }

    /** The unique id of the deletion vector of an active file, if it has one. */
    static Optional<String> deletionVectorId(Row scanFileRow) {
        var dv = InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFileRow);
        return dv == null ? Optional.empty() : Optional.of(dv.getUniqueId());
    }

    static FileStatus fileStatus(Row scanFileRow) {
        return InternalScanFileUtils.getAddFileStatus(scanFileRow);
    }

    /** The stats JSON of a scan file read with {@code includeStats=true}, if the file has stats. */
    static Optional<String> statsJson(Row scanFileRow) {
        Row add = scanFileRow.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
        int ordinal = InternalScanFileUtils.ADD_FILE_STATS_ORDINAL;
        return add.isNullAt(ordinal) ? Optional.empty() : Optional.of(add.getString(ordinal));
    }

    static StructType physicalReadSchema(Row scanState) {
        return ScanStateRow.getPhysicalDataReadSchema(scanState);
    }
}
