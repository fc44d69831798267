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
        MaintenanceReport report = Compaction.run(engine, table(), SPEC, 1 << 20, 4);
        assertEquals(10, report.filesBefore);
        assertEquals(1, report.filesAfter);
        assertEquals(before, rows(-1));
        assertTrue(Compaction.run(engine, table(), SPEC, 1 << 20, 4).version < 0, "nothing left to compact");

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
        Compaction.run(engine, table(), SPEC, 1 << 20, 2);
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
}
