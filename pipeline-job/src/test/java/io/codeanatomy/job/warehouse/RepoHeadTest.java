package io.codeanatomy.job.warehouse;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.sink.CommitLog;
import io.codeanatomy.job.StdlibRepo;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.source.FileSelector;

import io.delta.kernel.engine.Engine;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The head a query sees is the one of the newest checkpoint recorded in {@code commits}, not the newest
 * {@code repo_heads} version: the sink commits {@code repo_heads} a moment before it appends the
 * checkpoint's {@code commits} row, and {@code watch} reported a commit visible in that moment while
 * a SQL statement still read the checkpoint before it.
 */
class RepoHeadTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    @TempDir
    Path tmp;

    @Test
    void theVisibleHeadIsTheOneOfTheNewestRecordedCheckpoint() throws Exception {
        Path warehouse = tmp.resolve("wh");
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), List.of("textwrap.py", "heapq.py"))) {
            String first = repo.commit("first");
            index(repo, warehouse);
            repo.delete("heapq.py");
            String second = repo.commit("second");
            index(repo, warehouse);
            Engine engine = EngineFactory.create();
            assertEquals(second, RepoHead.visible(engine, warehouse.toString(), "stdlib").orElseThrow().commit, "both recorded");

            // The run stopped after committing repo_heads, before the commits row: its last version is gone.
            dropLatestVersion(Path.of(URI.create(TablePaths.tablePath(warehouse.toString(), CommitLog.TABLE))));
            assertEquals(second, RepoHead.of(engine, warehouse.toString(), "stdlib").orElseThrow().commit, "repo_heads itself");
            assertEquals(first, RepoHead.visible(engine, warehouse.toString(), "stdlib").orElseThrow().commit,
                    "what a statement pinned to the newest recorded checkpoint reads");
        }
    }

    private static void index(StdlibRepo repo, Path warehouse) throws Exception {
        IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), new IndexSettings(repo.dir.toFile(), "stdlib",
                null, warehouse.toFile(), FileSelector.defaults(), 1), null);
    }

    private static void dropLatestVersion(Path table) throws Exception {
        Path log = table.resolve("_delta_log");
        List<Path> versions;
        try (Stream<Path> files = Files.list(log)) {
            versions = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(versions.size() >= 2, "two commits rows versions: " + versions);
        String latest = versions.get(versions.size() - 1).getFileName().toString().replace(".json", "");
        try (Stream<Path> files = Files.list(log)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(latest)).toList()) {
                Files.delete(f);
            }
        }
    }
}
