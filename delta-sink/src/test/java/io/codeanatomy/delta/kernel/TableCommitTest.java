package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.ColumnType;
import io.codeanatomy.delta.schema.TableRow;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ownership replace on a real Delta table written and read back with Delta Kernel. */
class TableCommitTest {
    static final TableSpec SPEC = TableSpec.builder("t", "test")
            .required("repo", ColumnType.STRING, "")
            .required("path", ColumnType.STRING, "")
            .required("id", ColumnType.STRING, "")
            .optional("n", ColumnType.LONG, "")
            .primaryKey("id")
            .build();

    @TempDir
    Path dir;

    private final Engine engine = EngineFactory.create();

    private String table() {
        return dir.resolve("t").toUri().toString();
    }

    private static Object[] row(String path, String id, long n) {
        return new Object[] {"r", path, id, n};
    }

    private List<StagedFile> stage(Object[]... rows) throws Exception {
        return new ParquetStager(engine, table(), SPEC).stage(new ArrayList<>(Arrays.asList(rows)));
    }

    private CommitOutcome commit(long version, Set<String> paths, List<StagedFile> files) {
        List<Owner> owners = new ArrayList<>();
        paths.forEach(p -> owners.add(new Owner("r", p)));
        return new TableCommit(engine, table(), SPEC, new WriterGuard(table(), "app"))
                .commit("app", version, new OwnerSet(owners), Set.of(), files);
    }

    private Set<String> ids() {
        Set<String> ids = new TreeSet<>();
        for (Object[] r : TableRows.readAll(engine, TableManager.loadSnapshot(table()).build(engine), SPEC)) {
            TableRow row = SPEC.row(r);
            ids.add(row.string("repo") + ":" + row.string("path") + ":" + row.string("id"));
        }
        return ids;
    }

    @Test
    void replaceRewritesOnlyFilesSharedWithOtherOwners() throws Exception {
        // One data file holding two owners, one holding a third.
        commit(1, Set.of("a.py", "b.py", "c.py"), new ArrayList<>() {{
            addAll(stage(row("a.py", "a1", 1), row("a.py", "a2", 2), row("b.py", "b1", 3)));
            addAll(stage(row("c.py", "c1", 4)));
        }});
        assertEquals(Set.of("r:a.py:a1", "r:a.py:a2", "r:b.py:b1", "r:c.py:c1"), ids());

        // Replace a.py: its shared file is rewritten keeping b.py; c.py's file is untouched.
        CommitOutcome replace = commit(2, Set.of("a.py"), stage(row("a.py", "a3", 5)));
        assertEquals(1, replace.removedFiles);
        assertEquals(1, replace.rewrittenFiles);
        assertEquals(2, replace.addedFiles); // the rewrite and the new rows
        assertEquals(Set.of("r:a.py:a3", "r:b.py:b1", "r:c.py:c1"), ids());

        // Delete c.py: a whole-file remove, nothing rewritten.
        CommitOutcome delete = commit(3, Set.of("c.py"), List.of());
        assertEquals(1, delete.removedFiles);
        assertEquals(0, delete.rewrittenFiles);
        assertEquals(Set.of("r:a.py:a3", "r:b.py:b1"), ids());
    }

    @Test
    void filesCarryStatisticsForKeyAndOwnerColumnsAndTablesUseTheLowestProtocol() throws Exception {
        List<StagedFile> files = stage(row("a.py", "a1", 1), row("b.py", "b1", 2));
        String stats = files.get(0).statsJson();
        for (String expected : new String[] {"\"numRecords\":2", "\"repo\":\"r\"", "\"path\":\"a.py\"",
                "\"path\":\"b.py\"", "\"id\":\"a1\"", "\"nullCount\""}) {
            assertTrue(stats.contains(expected), expected + " in " + stats);
        }
        commit(1, Set.of("a.py", "b.py"), files);
        String log = java.nio.file.Files.readString(dir.resolve("t/_delta_log/00000000000000000000.json"));
        assertTrue(log.contains("\"minReaderVersion\":1") && log.contains("\"minWriterVersion\":2"), log);
    }

    @Test
    void replayingACommittedTransactionIdWritesNothing() throws Exception {
        List<StagedFile> files = stage(row("a.py", "a1", 1));
        assertTrue(commit(7, Set.of("a.py"), files).version >= 0);
        long version = TableManager.loadSnapshot(table()).build(engine).getVersion();
        assertTrue(commit(7, Set.of("a.py"), files).alreadyCommitted());
        assertTrue(commit(6, Set.of("a.py"), stage(row("a.py", "x", 1))).alreadyCommitted(), "older ids are replays too");
        assertEquals(version, TableManager.loadSnapshot(table()).build(engine).getVersion());
        assertEquals(Set.of("r:a.py:a1"), ids());
    }

    @Test
    void rowsThatBreakTheSchemaAreRejectedBeforeAnyFileIsWritten() {
        assertThrows(IllegalArgumentException.class, () -> SPEC.validate(new Object[] {"r", null, "id", 1L}));
        assertThrows(IllegalArgumentException.class, () -> SPEC.validate(new Object[] {"r", "p", "id", "not a long"}));
        assertThrows(IllegalArgumentException.class, () -> SPEC.validate(new Object[] {"r", "p"}));
        SPEC.validate(new Object[] {"r", "p", "id", null}); // nullable column
    }

    /**
     * Copy-on-write streams the file it rewrites: the kept rows go to the new file batch by batch, in
     * the file's order (owner, then key), so the rows held at once stay at about one Kernel batch
     * however many rows the file keeps (ten times the rows, the same peak).
     */
    /** The owner bound only: the three owners of very different sizes stay in one file, the file rewritten. */
    private static final FileLayout ONE_FILE = new FileLayout(8, Integer.MAX_VALUE, FileLayout.DEFAULT.unownedSmallFileBytes());

    @Test
    void copyOnWriteHoldsABatchNotTheKeptRows() throws Exception {
        long[] peaks = new long[2];
        int[] keptPerOwner = {1_500, 15_000};
        for (int run = 0; run < 2; run++) {
            String table = dir.resolve("run" + run).toUri().toString();
            List<Object[]> rows = new ArrayList<>();
            for (String path : List.of("a.py", "b.py", "c.py")) {
                for (int k = 0; k < (path.equals("b.py") ? 5 : keptPerOwner[run]); k++) {
                    rows.add(new Object[] {"r", path, path + "#" + k, (long) k});
                }
            }
            rows.sort(RowOrder.of(SPEC));
            List<StagedFile> one = new ParquetStager(engine, table, SPEC, ONE_FILE).stage(rows);
            assertEquals(1, one.size());
            new TableCommit(engine, table, SPEC, new WriterGuard(table, "app"), ONE_FILE).commit("app", 1,
                    new OwnerSet(List.of(new Owner("r", "a.py"), new Owner("r", "b.py"), new Owner("r", "c.py"))),
                    Set.of(), one);

            // Replace b.py and drop the changed key a.py#7: the one file is rewritten without them.
            CommitOutcome outcome = new TableCommit(engine, table, SPEC, new WriterGuard(table, "app"), ONE_FILE).commit("app", 2,
                    new OwnerSet(List.of(new Owner("r", "b.py"))), Set.of("a.py#7"),
                    new ParquetStager(engine, table, SPEC, ONE_FILE).stage(List.<Object[]>of(new Object[] {"r", "b.py", "b.py#new", 0L})));
            assertEquals(1, outcome.rewrittenFiles);
            List<Object[]> expected = rows.stream()
                    .filter(r -> !r[1].equals("b.py") && !r[2].equals("a.py#7")).toList();
            List<Object[]> kept = TableRows.readAll(engine, TableManager.loadSnapshot(table).build(engine), SPEC).stream()
                    .filter(r -> !r[1].equals("b.py")).toList();
            assertEquals(expected.size(), kept.size());
            for (int i = 0; i < expected.size(); i++) {
                assertTrue(Arrays.equals(expected.get(i), kept.get(i)), "row " + i + " in the file's order");
            }
            peaks[run] = outcome.peakRowsHeld;
            assertTrue(peaks[run] > 0 && peaks[run] < expected.size() / 2,
                    "held " + peaks[run] + " of " + expected.size() + " kept rows at once");
        }
        assertTrue(peaks[1] <= 2 * peaks[0] + 1024, "ten times the rows, about the same peak: " + peaks[0] + " then "
                + peaks[1]);
    }
}
