package io.codeanatomy.delta.maintenance;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.OwnerSet;
import io.codeanatomy.delta.kernel.ParquetStager;
import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.kernel.TableCommit;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.kernel.WriterGuard;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.ColumnType;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compaction and vacuum on a real Delta table, checked by reading every version back. */
class MaintenanceTest {
    static final TableSpec SPEC = TableSpec.builder("t", "")
            .required("repo", ColumnType.STRING, "").required("path", ColumnType.STRING, "")
            .required("id", ColumnType.STRING, "").optional("n", ColumnType.LONG, "")
            .primaryKey("id").build();

    @TempDir
    Path dir;

    private final Engine engine = EngineFactory.create();
    private final WriterGuard guard = new WriterGuard("unused", "app");
    private long checkpoint;

    private String table() {
        return dir.resolve("t").toUri().toString();
    }

    private List<StagedFile> stage(String path, int rows) throws IOException {
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            out.add(new Object[] {"r", path, path + "#" + i, (long) i});
        }
        return new ParquetStager(engine, table(), SPEC).stage(out);
    }

    private void replace(String path, int rows) throws IOException {
        new TableCommit(engine, table(), SPEC, new WriterGuard(table(), "app"))
                .commit("app", ++checkpoint, new OwnerSet(List.of(new Owner("r", path))), Set.of(), stage(path, rows));
    }

    private Set<String> rows(long version) {
        var b = TableManager.loadSnapshot(table());
        Set<String> out = new TreeSet<>();
        for (Object[] r : TableRows.readAll(engine, (version < 0 ? b : b.atVersion(version)).build(engine), SPEC)) {
            out.add(Arrays.toString(r));
        }
        return out;
    }

    private long parquetFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dir.resolve("t"))) {
            return s.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("_delta_log")).count();
        }
    }

    @Test
    void compactionKeepsTheRowsAndLaterReplacesStillWork() throws Exception {
        for (int i = 0; i < 10; i++) {
            replace("f" + i + ".py", 3);
        }
        Set<String> before = rows(-1);
        MaintenanceReport report = Compaction.run(engine, table(), SPEC, io.codeanatomy.delta.kernel.FileLayout.DEFAULT, Long.MAX_VALUE);
        assertEquals(10, report.filesBefore);
        assertEquals(2, report.filesAfter, "ten owners, at most eight a file");
        assertEquals(before, rows(-1));
        assertTrue(Compaction.run(engine, table(), SPEC, io.codeanatomy.delta.kernel.FileLayout.DEFAULT, Long.MAX_VALUE).version < 0, "nothing left to compact");

        replace("f3.py", 1); // copy-on-write out of the compacted file
        Set<String> after = rows(-1);
        assertEquals(28, after.size());
        assertTrue(after.contains("[r, f3.py, f3.py#0, 0]") && !after.contains("[r, f3.py, f3.py#1, 1]"));
    }

    @Test
    void vacuumDeletesOnlyFilesNoRetainedVersionNeedsAndSparesYoungStagedFiles() throws Exception {
        for (int i = 0; i < 6; i++) {
            replace("f" + i + ".py", 2);
        }
        Compaction.run(engine, table(), SPEC, io.codeanatomy.delta.kernel.FileLayout.DEFAULT, Long.MAX_VALUE);
        long compactedVersion = TableManager.loadSnapshot(table()).build(engine).getVersion();
        List<StagedFile> inFlight = stage("staged.py", 1); // written by a running job, not yet committed
        assertEquals(8, parquetFiles());

        // With the safe minimum, everything is younger than the cutoff: nothing goes.
        assertEquals(0, Vacuum.run(engine, "t", table(), Duration.ofHours(1)).filesBefore);
        assertEquals(8, parquetFiles());

        Thread.sleep(20);
        MaintenanceReport report = Vacuum.run(engine, "t", table(), Vacuum.checkRetention(Duration.ZERO, true));
        assertEquals(7, report.filesBefore, "the six compacted-away files and the orphaned staged file");
        assertEquals(1, parquetFiles());
        assertEquals(12, rows(compactedVersion).size(), "the current version reads whole");
        assertTrue(!Files.exists(Path.of(java.net.URI.create(inFlight.get(0).path()))));

        assertThrows(IllegalArgumentException.class, () -> Vacuum.checkRetention(Duration.ofMinutes(5), false));
    }

    /** Sets the modification time of the data files and of the commit files of versions up to {@code version}. */
    private void age(Set<String> dataFiles, long version, java.time.Instant when) throws IOException {
        java.nio.file.attribute.FileTime t = java.nio.file.attribute.FileTime.from(when);
        for (String f : dataFiles) {
            Files.setLastModifiedTime(Path.of(f), t);
        }
        for (long v = 0; v <= version; v++) {
            Files.setLastModifiedTime(commitFile(v), t);
        }
    }

    private Path commitFile(long version) {
        return dir.resolve("t/_delta_log").resolve(String.format("%020d.json", version));
    }

    private Set<String> dataFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dir.resolve("t"))) {
            return s.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("_delta_log"))
                    .map(p -> p.toAbsolutePath().normalize().toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * Files and versions really older than the retention (their times set three days back): vacuum
     * deletes what only those old versions referenced, keeps every file a version since the cutoff
     * needs, and time travel to those versions still reads every row.
     */
    @Test
    void vacuumOfReallyOldFilesKeepsWhatRetainedVersionsNeedAndTimeTravelWorks() throws Exception {
        for (int i = 0; i < 4; i++) {
            replace("f" + i + ".py", 2);
        }
        Set<String> before = dataFiles();
        replace("f0.py", 3);                                        // removes f0's first file
        long oldEnough = latestVersion();
        age(dataFiles(), oldEnough, java.time.Instant.now().minus(Duration.ofDays(3)));
        Set<String> removedBeforeCutoff = new TreeSet<>(before);
        removedBeforeCutoff.removeAll(activeAt(oldEnough));
        assertEquals(1, removedBeforeCutoff.size(), "f0's first file, only old versions reference it");
        replace("f1.py", 1);                                        // recent: removes an old file
        Compaction.run(engine, table(), SPEC, io.codeanatomy.delta.kernel.FileLayout.DEFAULT, Long.MAX_VALUE);          // recent: removes the rest
        long latest = latestVersion();
        Map<Long, Set<String>> retained = new java.util.TreeMap<>();
        for (long v = oldEnough; v <= latest; v++) {
            retained.put(v, rows(v));
        }

        MaintenanceReport report = Vacuum.run(engine, "t", table(), Duration.ofDays(1));
        assertEquals(1, report.filesBefore, "exactly the file no version since the cutoff references: " + report);
        Set<String> left = dataFiles();
        assertTrue(java.util.Collections.disjoint(left, removedBeforeCutoff));
        for (long v = oldEnough; v <= latest; v++) {
            assertTrue(left.containsAll(activeAt(v)), "every file of version " + v + " is still there");
            assertEquals(retained.get(v), rows(v), "time travel to version " + v + " reads every row");
        }
    }

    private long latestVersion() {
        return TableManager.loadSnapshot(table()).build(engine).getVersion();
    }

    /**
     * The log's early commit files are gone (log cleanup after a checkpoint) and the retention reaches
     * back before what is left: vacuum cannot tell what the retained versions reference, so it deletes
     * nothing. (It used to skip the missing versions and delete old files the checkpoint still lists.)
     */
    @Test
    void whenTheLogCannotTellWhatRetainedVersionsNeedVacuumDeletesNothing() throws Exception {
        for (int i = 0; i < 12; i++) {
            replace("f" + i + ".py", 2); // the sink writes a log checkpoint every 10 commits
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(dir.resolve("t/_delta_log")
                .resolve(String.format("%020d.checkpoint.parquet", 10))), "no log checkpoint at version 10");
        // Data files a month old, the remaining log three days old: the cutoff (ten days) falls before the log.
        age(dataFiles(), -1, java.time.Instant.now().minus(Duration.ofDays(30)));
        age(Set.of(), latestVersion(), java.time.Instant.now().minus(Duration.ofDays(3)));
        for (long v = 0; v <= 4; v++) {
            Files.delete(commitFile(v)); // as log cleanup does once a checkpoint covers them
        }
        Set<String> files = dataFiles();
        Set<String> all = rows(-1);
        MaintenanceReport report = Vacuum.run(engine, "t", table(), Duration.ofDays(10)); // cutoff before the log
        assertEquals(0, report.filesBefore, report.toString());
        assertEquals(files, dataFiles(), "no file a retained version may need was deleted");
        assertEquals(all, rows(-1));
    }

    private Set<String> activeAt(long version) {
        Set<String> out = new TreeSet<>();
        io.delta.kernel.Snapshot snapshot = TableManager.loadSnapshot(table()).atVersion(version).build(engine);
        try (var files = snapshot.getScanBuilder().build().getScanFiles(engine)) {
            while (files.hasNext()) {
                try (var rows = files.next().getRows()) {
                    while (rows.hasNext()) {
                        String path = io.delta.kernel.internal.InternalScanFileUtils.getAddFileStatus(rows.next()).getPath();
                        out.add(Path.of(java.net.URI.create(path)).toAbsolutePath().normalize().toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Compaction merges its input files as streams: the rows it holds at once stay at a batch per file
     * however many rows the files have (ten times the rows, the same peak), and its output is in the
     * table's order, row for row what an in-memory sort gives.
     */
    @Test
    void compactionHoldsABatchPerFileNotTheRows() throws Exception {
        long[] peaks = new long[2];
        int[] perFile = {3_000, 30_000};
        for (int run = 0; run < 2; run++) {
            Path runDir = dir.resolve("run" + run);
            String table = runDir.resolve("t").toUri().toString();
            for (int i = 0; i < 10; i++) {
                List<Object[]> rows = new ArrayList<>();
                for (int k = 0; k < perFile[run]; k++) {
                    rows.add(new Object[] {"r", "f" + i + ".py", "f" + i + ".py#" + k, (long) k});
                }
                rows.sort(io.codeanatomy.delta.kernel.RowOrder.of(SPEC));
                new TableCommit(engine, table, SPEC, new WriterGuard(table, "app")).commit("app", i + 1,
                        new OwnerSet(List.of(new Owner("r", "f" + i + ".py"))), Set.of(),
                        new ParquetStager(engine, table, SPEC).stage(rows));
            }
            List<Object[]> before = TableRows.readAll(engine, TableManager.loadSnapshot(table).build(engine), SPEC);
            before.sort(io.codeanatomy.delta.kernel.RowOrder.of(SPEC));
            io.codeanatomy.delta.kernel.MaintenanceCommit.Result result =
                    io.codeanatomy.delta.kernel.MaintenanceCommit.compact(engine, table, SPEC, io.codeanatomy.delta.kernel.FileLayout.DEFAULT, Long.MAX_VALUE);
            assertEquals(10, result.filesIn);
            List<Object[]> after = TableRows.readAll(engine, TableManager.loadSnapshot(table).build(engine), SPEC);
            assertEquals(before.size(), after.size());
            for (int i = 0; i < before.size(); i++) {
                assertTrue(Arrays.equals(before.get(i), after.get(i)), "row " + i + " in the table's order");
            }
            peaks[run] = result.peakRowsHeld;
            assertTrue(peaks[run] > 0 && peaks[run] < 10L * perFile[run] / 2,
                    "held " + peaks[run] + " of " + 10L * perFile[run] + " rows at once");
        }
        assertTrue(peaks[1] <= 2 * peaks[0] + 10 * 1024, "ten times the rows, about the same peak: " + peaks[0] + " then "
                + peaks[1]);
    }
}
