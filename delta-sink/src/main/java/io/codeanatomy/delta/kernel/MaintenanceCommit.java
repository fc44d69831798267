package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.Operation;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.DataFileStatus;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.hadoop.fs.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The Delta side of maintenance: a compaction commit, and the files a vacuum must keep. */
public final class MaintenanceCommit {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceCommit.class);

    private MaintenanceCommit() {
    }

    /** What a compaction read and wrote; {@code version} is -1 when nothing was committed. */
    public static final class Result {
        public final int filesIn;
        public final long bytesIn;
        public final List<StagedFile> filesOut;
        public final long version;
        /** The most rows held in memory at once while merging (one batch per file being merged). */
        public final long peakRowsHeld;

        Result(int filesIn, long bytesIn, List<StagedFile> filesOut, long version) {
            this(filesIn, bytesIn, filesOut, version, 0);
        }

        Result(int filesIn, long bytesIn, List<StagedFile> filesOut, long version, long peakRowsHeld) {
            this.filesIn = filesIn;
            this.bytesIn = bytesIn;
            this.filesOut = filesOut;
            this.version = version;
            this.peakRowsHeld = peakRowsHeld;
        }
    }

    /**
     * Merges the files {@link CompactionPlan} picks (overlapping owner ranges, neighbours that fit in
     * one file; never a file of one owner written since {@code hotSince}) in one commit that changes no
     * data. The merged rows stream through {@link SortedFileMerge} into files cut by the layout.
     */
    public static Result compact(Engine engine, String tablePath, TableSpec spec, FileLayout layout, long hotSince) {
        try {
            Snapshot snapshot = TableManager.loadSnapshot(tablePath).build(engine); // maintenance never creates tables
            Scan scan = snapshot.getScanBuilder().build();
            Row scanState = scan.getScanState(engine);
            Row ownerScanState = spec.isOwned() ? TableOwners.ownerScan(snapshot, spec).getScanState(engine) : null;
            List<List<ActiveFile>> groups = CompactionPlan.groups(ActiveFiles.list(engine, scan, spec), spec, layout,
                    hotSince, f -> TableOwners.countIn(engine, ownerScanState, f));
            List<ActiveFile> merged = groups.stream().flatMap(List::stream).toList();
            long bytesIn = merged.stream().mapToLong(f -> f.size).sum();
            if (merged.isEmpty()) {
                return new Result(0, 0, List.of(), -1);
            }
            List<StagedFile> out = new ArrayList<>();
            long peakRowsHeld = 0;
            ParquetStager stager = new ParquetStager(engine, tablePath, spec, layout);
            for (List<ActiveFile> group : groups) {
                List<Row> scanFiles = group.stream().map(f -> f.scanFileRow).toList();
                try (SortedFileMerge merge = SortedFileMerge.open(engine, scanState, scanFiles, spec)) {
                    out.addAll(stager.stage(merge));
                    peakRowsHeld = Math.max(peakRowsHeld, merge.peakRowsHeld());
                } catch (SortedFileMerge.OutOfOrderException unsorted) {
                    // Not a file of ours (another engine wrote it): sort in memory. Files staged so far are
                    // unreferenced and go with the next vacuum.
                    LOG.warn("{}: {}; compacting in memory", spec.name(), unsorted.getMessage());
                    List<Object[]> rows = new ArrayList<>();
                    for (ActiveFile f : group) {
                        TableRows.readFile(engine, scanState, f.scanFileRow, spec, rows::add);
                    }
                    rows.sort(RowOrder.of(spec));
                    out.addAll(stager.stage(rows));
                    peakRowsHeld = Math.max(peakRowsHeld, rows.size());
                }
            }
            StructType schema = TableCodecs.of(spec).deltaSchema();
            Transaction txn = snapshot.buildUpdateTableTransaction(TableCreator.MAINTENANCE_ENGINE_INFO, Operation.MANUAL_UPDATE)
                    .build(engine);
            List<Row> actions = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (ActiveFile f : merged) {
                actions.add(KernelInternals.removeAction(f.scanFileRow, false, now));
            }
            for (DataFileStatus status : TableCommit.dataFileStatuses(spec, out)) {
                actions.add(KernelInternals.addActionWithoutDataChange(schema, tablePath, status));
            }
            try {
                TransactionCommitResult result = txn.commit(engine,
                        CloseableIterable.inMemoryIterable(CloseableIterators.of(actions)));
                TableCommit.runHooks(engine, tablePath, result);
                return new Result(merged.size(), bytesIn, out, result.getVersion(), peakRowsHeld);
            } catch (ConcurrentWriteException lostRace) {
                LOG.info("{}: compaction yielded to a concurrent commit ({})", spec.name(), lostRace.getMessage());
                for (StagedFile f : out) {
                    engine.getFileSystemClient().delete(f.path());
                }
                return new Result(merged.size(), bytesIn, List.of(), -1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("compaction of " + tablePath + " failed", e);
        }
    }

    /**
     * Paths (URI path part) of every data file a reader may still need: those of the snapshot as of
     * {@code cutoffMillis} (time travel to any version since) and those added by any later commit.
     */
    public static Set<String> referencedSince(Engine engine, String tablePath, long cutoffMillis) throws IOException {
        Snapshot latest = TableManager.loadSnapshot(tablePath).build(engine);
        Set<String> keep = new HashSet<>();
        // Whatever happens below, the files of the current version are never deletable.
        for (ActiveFile f : ActiveFiles.list(engine, latest.getScanBuilder().build(), null)) {
            keep.add(pathPart(KernelInternals.fileStatus(f.scanFileRow).getPath()));
        }
        long firstVersionToScan;
        try {
            Snapshot atCutoff = cutoffMillis >= latest.getTimestamp(engine) ? latest
                    : TableManager.loadSnapshot(tablePath).atTimestamp(cutoffMillis, latest).build(engine);
            Scan scan = atCutoff.getScanBuilder().build();
            for (ActiveFile f : ActiveFiles.list(engine, scan, null)) {
                keep.add(pathPart(KernelInternals.fileStatus(f.scanFileRow).getPath()));
            }
            firstVersionToScan = atCutoff.getVersion() + 1;
        } catch (RuntimeException cutoffBeforeHistory) {
            firstVersionToScan = 0; // the table is younger than the retention: keep all it ever added
        }
        Path root = new Path(URI.create(tablePath));
        for (long v = firstVersionToScan; v <= latest.getVersion(); v++) {
            try {
                for (JsonNode action : CommitFiles.actions(tablePath, v)) {
                    if (action.has("add")) {
                        keep.add(pathPart(new Path(root, new Path(URI.create(action.get("add").get("path").asText())))
                                .toUri().toString()));
                    }
                }
            } catch (FileNotFoundException missing) {
                // A version the retention covers has no commit file: what it referenced cannot be known.
                throw new UndecidableRetentionException(tablePath + ": the commit file of version " + v + " is missing, so"
                        + " the files versions since the retention cutoff reference cannot be known; nothing is deleted");
            }
        }
        return keep;
    }

    static String pathPart(String uriOrPath) {
        return new Path(URI.create(uriOrPath)).toUri().getPath();
    }
}
