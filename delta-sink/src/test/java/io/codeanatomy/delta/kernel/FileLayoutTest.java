package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.record.Owner;

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

import static io.codeanatomy.delta.kernel.TableCommitTest.SPEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layout on a real Delta table: files hold at most N owners in owner order, whoever writes them
 * (the sink's stager, a copy-on-write, a compaction); compaction merges overlapping files and
 * neighbours back into that shape, spares a freshly replaced owner's own file, and then has nothing
 * left to do. Owners per file and their order are read back from the files themselves.
 */
class FileLayoutTest {
    private static final FileLayout FOUR = FileLayout.DEFAULT.withMaxOwnersPerFile(4);

    @TempDir
    Path dir;

    private final Engine engine = EngineFactory.create();
    private long checkpoint;

    private String table() {
        return dir.resolve("t").toUri().toString();
    }

    private static List<Object[]> rows(List<String> paths, String tag) {
        List<Object[]> out = new ArrayList<>();
        for (String p : paths) {
            for (int i = 0; i < 3; i++) {
                out.add(new Object[] {"r", p, p + "#" + tag + i, (long) i});
            }
        }
        return out;
    }

    private static List<String> paths(int from, int to, int step) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i += step) {
            out.add(String.format("p%02d.py", i));
        }
        return out;
    }

    /** Commits {@code rows} replacing {@code replaced}; returns the staged files, as the log records them. */
    private List<StagedFile> commit(List<String> replaced, List<Object[]> rows) throws Exception {
        List<Owner> owners = replaced.stream().map(p -> new Owner("r", p)).toList();
        List<StagedFile> staged = new ParquetStager(engine, table(), SPEC, FOUR).stage(rows);
        new TableCommit(engine, table(), SPEC, new WriterGuard(table(), "app"), FOUR)
                .commit("app", ++checkpoint, new OwnerSet(owners), Set.of(), staged);
        return staged;
    }

    /** Each active file's owner paths, in file order, read from the file; files listed by their first owner. */
    private List<List<String>> ownersByFile() throws Exception {
        List<List<String>> out = new ArrayList<>();
        for (List<String> owners : TableOwners.ownersByFile(engine, TableManager.loadSnapshot(table()).build(engine), SPEC)) {
            out.add(owners.stream().map(o -> o.substring(o.indexOf('\u0000') + 1)).toList());
        }
        return out;
    }

    private Set<String> allRows() {
        Set<String> out = new TreeSet<>();
        for (Object[] r : TableRows.readAll(engine, TableManager.loadSnapshot(table()).build(engine), SPEC)) {
            out.add(Arrays.toString(r));
        }
        return out;
    }

    /** At most N owners per file, each file's owners sorted, and no owner range overlapping the next file's. */
    private static void assertLaidOut(List<List<String>> files, int maxOwners) {
        String lastMax = "";
        for (List<String> owners : files) {
            assertTrue(owners.size() <= maxOwners, "a file of " + owners.size() + " owners: " + files);
            assertEquals(new ArrayList<>(new TreeSet<>(owners)), owners, "owners in order: " + files);
            assertTrue(owners.get(0).compareTo(lastMax) > 0, "ranges overlap: " + files);
            lastMax = owners.get(owners.size() - 1);
        }
    }

    @Test
    void stagedFilesAreCutEveryNOwnersInOwnerOrder() throws Exception {
        commit(List.of(), rows(paths(0, 10, 1), "a"));
        assertEquals(List.of(paths(0, 4, 1), paths(4, 8, 1), paths(8, 10, 1)), ownersByFile());
    }

    @Test
    void compactionMergesOverlapsAndNeighboursSparesAFreshReplacementAndThenRests() throws Exception {
        // Two writers' files of one checkpoint: even and odd owners, so every range overlaps another.
        commit(List.of(), rows(paths(0, 16, 2), "a"));
        commit(List.of(), rows(paths(1, 16, 2), "b"));
        // A single owner replaced: cut out of its file (copy-on-write) into a file of its own. "Fresh"
        // is measured against the file's recorded modification time, not the test's clock: a file
        // system stamps files from a coarser clock than System.currentTimeMillis (CI saw it earlier).
        List<StagedFile> replacement = commit(List.of("p05.py"), rows(List.of("p05.py"), "c"));
        assertEquals(1, replacement.size(), replacement.toString());
        long beforeReplace = replacement.get(0).modificationTime();
        Set<String> before = allRows();
        List<List<String>> scattered = ownersByFile();
        assertTrue(scattered.contains(List.of("p05.py")), "the replaced owner has a file of its own: " + scattered);

        MaintenanceCommit.Result first = MaintenanceCommit.compact(engine, table(), SPEC, FOUR, beforeReplace);
        assertTrue(first.version >= 0, "compacted");
        List<List<String>> compacted = ownersByFile();
        assertTrue(compacted.contains(List.of("p05.py")), "the fresh replacement is spared: " + compacted);
        List<List<String>> others = new ArrayList<>(compacted);
        others.remove(List.of("p05.py"));
        assertLaidOut(others, 4);
        assertEquals(4, others.size(), "15 owners in files of at most 4: " + others);
        assertEquals(before, allRows(), "no row changed");
        assertEquals(-1, MaintenanceCommit.compact(engine, table(), SPEC, FOUR, beforeReplace).version,
                "a compacted table has nothing left to compact");

        // Once it is no longer fresh, the replacement joins the file whose range it lies in.
        assertTrue(MaintenanceCommit.compact(engine, table(), SPEC, FOUR, Long.MAX_VALUE).version >= 0);
        List<List<String>> settled = ownersByFile();
        assertLaidOut(settled, 4);
        assertEquals(before, allRows(), "no row changed");
        assertEquals(-1, MaintenanceCommit.compact(engine, table(), SPEC, FOUR, Long.MAX_VALUE).version, "stable");
    }

    @Test
    void aOneFileReplaceRewritesAtMostItsFilesNeighbours() throws Exception {
        commit(List.of(), rows(paths(0, 40, 1), "a"));
        long tableBytes = ActiveFiles.list(engine, TableManager.loadSnapshot(table()).build(engine).getScanBuilder().build(),
                SPEC).stream().mapToLong(f -> f.size).sum();
        CommitOutcome outcome = new TableCommit(engine, table(), SPEC, new WriterGuard(table(), "app"), FOUR)
                .commit("app", ++checkpoint, new OwnerSet(List.of(new Owner("r", "p17.py"))), Set.of(),
                        new ParquetStager(engine, table(), SPEC, FOUR).stage(rows(List.of("p17.py"), "z")));
        assertEquals(1, outcome.rewrittenFiles, outcome.toString());
        assertTrue(outcome.rewrittenBytes * 5 < tableBytes, "rewrote " + outcome.rewrittenBytes + " of " + tableBytes + " B");
        assertLaidOut(ownersByFile().stream().filter(f -> !f.equals(List.of("p17.py"))).toList(), 4);
    }

    /**
     * The row bound: a tiny source file (one row) among big ones (30 rows each) gets a file of its own,
     * since sharing one would make each of its edits rewrite ninety times its rows; compaction merges
     * the big ones' files within the owner bound but never folds the tiny one back in; and replacing it
     * rewrites no neighbour's row.
     */
    @Test
    void aTinyOwnerAmongBigOnesKeepsAFileOfItsOwn() throws Exception {
        List<Object[]> rows = new ArrayList<>();
        for (String p : paths(0, 8, 1)) {
            int n = p.equals("p03.py") ? 1 : 30;
            for (int i = 0; i < n; i++) {
                rows.add(new Object[] {"r", p, p + "#a" + i, (long) i});
            }
        }
        commit(List.of(), rows);
        List<List<String>> staged = ownersByFile();
        assertTrue(staged.contains(List.of("p03.py")), "the tiny owner has a file of its own: " + staged);
        assertLaidOut(staged, 4);

        MaintenanceCommit.compact(engine, table(), SPEC, FOUR, Long.MAX_VALUE);
        List<List<String>> compacted = ownersByFile();
        assertTrue(compacted.contains(List.of("p03.py")), "compaction leaves it alone: " + compacted);
        assertEquals(-1, MaintenanceCommit.compact(engine, table(), SPEC, FOUR, Long.MAX_VALUE).version, "stable");

        CommitOutcome outcome = new TableCommit(engine, table(), SPEC, new WriterGuard(table(), "app"), FOUR)
                .commit("app", ++checkpoint, new OwnerSet(List.of(new Owner("r", "p03.py"))), Set.of(),
                        new ParquetStager(engine, table(), SPEC, FOUR).stage(rows(List.of("p03.py"), "z")));
        assertEquals(0, outcome.rewrittenBytes, "no neighbour rewritten: " + outcome);
    }
}
