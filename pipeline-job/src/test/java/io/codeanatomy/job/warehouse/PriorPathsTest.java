package io.codeanatomy.job.warehouse;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.OwnerSet;
import io.codeanatomy.delta.kernel.TableCommit;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.WriterGuard;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.job.StdlibRepo;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileSelector;
import io.codeanatomy.source.split.PriorPath;

import io.delta.kernel.engine.Engine;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a resumed watch learns from the warehouse: after a complete index every path is settled at the
 * indexed commit (each table holds exactly the rows its files row counts, errors and all), and a path
 * one table lost its rows for (a checkpoint stopped between two tables' commits) is not.
 */
class PriorPathsTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path tmp;

    @Test
    void aCompleteIndexIsSettledAndAPathMissingFromOneTableIsNot() throws Exception {
        Path warehouse = tmp.resolve("wh");
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), List.of("textwrap.py", "json/__init__.py", "heapq.py"))) {
            repo.write("broken.py", "def f(:\n    return )\n".getBytes(StandardCharsets.UTF_8));
            repo.write("data.py", new byte[] {'x', 0, 1, 2});
            repo.write("empty.py", new byte[0]);
            String head = repo.commit("files of every kind");
            IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), new IndexSettings(repo.dir.toFile(), "stdlib",
                    null, warehouse.toFile(), FileSelector.defaults(), 2), null);

            List<PriorPath> settled = PriorPaths.withCommits(warehouse.toString(), "stdlib");
            assertEquals(List.of("broken.py", "data.py", "empty.py", "heapq.py", "json/__init__.py", "textwrap.py"),
                    settled.stream().map(PriorPath::path).toList());
            settled.forEach(p -> assertEquals(head, p.commit(), p.path() + " is settled at the head"));

            // cpg_props loses heapq.py's rows, as if its replace reached the other tables only.
            Engine engine = EngineFactory.create();
            String props = TablePaths.tablePath(warehouse.toString(), CpgSchema.PROPS);
            new TableCommit(engine, props, CpgSchema.PROPS_TABLE, new WriterGuard(props, "killed-run")).commit("killed-run", 1,
                    new OwnerSet(List.of(new Owner("stdlib", "heapq.py"))), Set.of(), List.of());
            for (PriorPath p : PriorPaths.withCommits(warehouse.toString(), "stdlib")) {
                assertEquals(p.path().equals("heapq.py") ? null : head, p.commit(), p.path());
            }
        }
    }
}
