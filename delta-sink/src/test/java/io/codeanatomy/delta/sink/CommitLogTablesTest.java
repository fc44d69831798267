package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TableCreator;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.engine.Engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** What maintenance covers, for the committer's automatic policy and `codeanatomy maintain` alike. */
class CommitLogTablesTest {
    @TempDir
    Path dir;

    @Test
    void theSetsTablesThenTheCommitsTableWithTheColumnsItHas() {
        Engine engine = EngineFactory.create();
        String warehouse = dir.toUri().toString();
        List<TableSpec> none = CommitLog.withCommitsTable(engine, warehouse, DeltaSinkTest.TABLES);
        assertEquals(List.of(DeltaSinkTest.NODES, DeltaSinkTest.EDGES, CommitLog.SPEC), none, "a new warehouse: today's columns");

        TableCreator.ensureCreated(engine, TablePaths.tablePath(warehouse, CommitLog.TABLE), CommitLog.SPEC_WITHOUT_DIGEST);
        List<TableSpec> old = CommitLog.withCommitsTable(engine, warehouse, DeltaSinkTest.TABLES);
        assertSame(CommitLog.SPEC_WITHOUT_DIGEST, old.get(2), "a commits table from before the digest keeps its columns");
    }

    /** The kept reads of commits tables are bounded: a process that reads many warehouses keeps the latest. */
    @Test
    void theReadsKeptAreBounded() {
        Engine engine = EngineFactory.create();
        for (int w = 0; w < CommitLog.KEPT_READS + 3; w++) {
            String warehouse = dir.resolve("w" + w).toUri().toString();
            TableCreator.ensureCreated(engine, TablePaths.tablePath(warehouse, CommitLog.TABLE), CommitLog.SPEC);
            assertEquals(List.of(), CommitLog.checkpoints(engine, warehouse));
        }
        assertEquals(CommitLog.KEPT_READS, CommitLog.keptReads());
    }
}
