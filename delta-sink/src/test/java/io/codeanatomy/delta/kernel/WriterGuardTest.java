package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.maintenance.Compaction;
import io.codeanatomy.delta.record.Owner;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A second job writing the same table is caught before it can mix rows; maintenance is not a second job. */
class WriterGuardTest {
    @TempDir
    Path dir;

    private final Engine engine = EngineFactory.create();

    private String table() {
        return dir.resolve("t").toUri().toString();
    }

    /** One running job: its own guard, committing owner replaces under its application id. */
    private final class Job {
        final String appId;
        final WriterGuard guard;
        long checkpoint;

        Job(String appId) {
            this.appId = appId;
            this.guard = new WriterGuard(table(), appId);
        }

        CommitOutcome replace(String path, String id) throws Exception {
            List<StagedFile> files = new ParquetStager(engine, table(), TableCommitTest.SPEC)
                    .stage(new ArrayList<Object[]>(List.<Object[]>of(new Object[] {"r", path, id, 1L})));
            return new TableCommit(engine, table(), TableCommitTest.SPEC, guard)
                    .commit(appId, ++checkpoint, new OwnerSet(List.of(new Owner("r", path))), Set.of(), files);
        }
    }

    @Test
    void aSecondWriterFailsTheFirstLoudlyAndTheTableStaysReadable() throws Exception {
        Job first = new Job("job-1");
        Job second = new Job("job-2");
        first.replace("a.py", "a1");
        first.replace("b.py", "b1");
        second.replace("a.py", "a2"); // another job starts writing the same table
        ConcurrentWriterException e = assertThrows(ConcurrentWriterException.class, () -> first.replace("c.py", "c1"));
        assertTrue(e.getMessage().contains("job-2") && e.getMessage().contains("Only one job may write"), e.getMessage());
        long rows = TableRows.readAll(engine, TableManager.loadSnapshot(table()).build(engine), TableCommitTest.SPEC).size();
        assertEquals(2, rows, "a.py (replaced by the second job) and b.py");
    }

    @Test
    void compactionBetweenCommitsIsNotASecondWriter() throws Exception {
        Job job = new Job("job-1");
        for (int i = 0; i < 4; i++) {
            job.replace("f" + i + ".py", "id" + i);
        }
        assertTrue(Compaction.run(engine, table(), TableCommitTest.SPEC, io.codeanatomy.delta.kernel.FileLayout.DEFAULT, Long.MAX_VALUE).version >= 0);
        job.replace("f1.py", "id1b"); // re-plans against the compacted file: copy-on-write
        Set<String> ids = new java.util.TreeSet<>();
        for (Object[] r : TableRows.readAll(engine, TableManager.loadSnapshot(table()).build(engine), TableCommitTest.SPEC)) {
            ids.add(TableCommitTest.SPEC.row(r).string("id"));
        }
        assertEquals(Set.of("id0", "id1b", "id2", "id3"), ids);
    }
}
