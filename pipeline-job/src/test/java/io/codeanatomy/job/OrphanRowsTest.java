package io.codeanatomy.job;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.OwnerSet;
import io.codeanatomy.delta.kernel.ParquetStager;
import io.codeanatomy.delta.kernel.TableCommit;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.kernel.WriterGuard;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileSelector;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows no file owns any more (what a run killed between two tables' commits leaves: here a
 * {@code cpg_nodes} row of a path the {@code files} table never had) are deleted by the next index,
 * which learns the paths to delete from every table.
 */
class OrphanRowsTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path tmp;

    @Test
    void theNextIndexDeletesRowsOnlyAnotherTableStillHad() throws Exception {
        Path warehouse = tmp.resolve("wh");
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), List.of("textwrap.py", "fnmatch.py"))) {
            repo.commit("two files");
            IndexSettings settings = new IndexSettings(repo.dir.toFile(), "stdlib", null, warehouse.toFile(),
                    FileSelector.defaults(), 2);
            IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), settings, null);
            Engine engine = EngineFactory.create();
            TableSpec nodes = CpgSchema.NODES_TABLE;
            String nodesPath = TablePaths.tablePath(warehouse.toString(), CpgSchema.NODES);
            Object[] orphan = TableRows.readAll(engine, TableManager.loadSnapshot(nodesPath).build(engine), nodes).get(0).clone();
            orphan[nodes.pathIndex()] = "ghost.py";
            orphan[nodes.index("node_id")] = "0123456789abcdef0123456789abcdef";
            new TableCommit(engine, nodesPath, nodes, new WriterGuard(nodesPath, "killed-run")).commit("killed-run", 1,
                    new OwnerSet(List.of(new Owner("stdlib", "ghost.py"))), Set.of(),
                    new ParquetStager(engine, nodesPath, nodes).stage(List.<Object[]>of(orphan)));
            assertTrue(WarehouseRows.read(warehouse).rows(CpgSchema.NODES).stream()
                    .anyMatch(r -> r.string("path").equals("ghost.py")), "the orphan is there");

            IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), settings, null);
            assertEquals(List.of(), WarehouseRows.read(warehouse).rows(CpgSchema.NODES).stream()
                    .filter(r -> r.string("path").equals("ghost.py")).toList(), "the next index deleted it");
        }
    }
}
