package io.codeanatomy.job;

import io.codeanatomy.delta.kernel.HadoopConf;
import io.codeanatomy.delta.s3.InProcessS3;
import io.codeanatomy.job.warehouse.RepoHead;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * index, watch and maintain against an S3 API server (S3Proxy, in this JVM): the warehouse, the
 * checkpoints and the final savepoint on {@code s3a://}, the commands in JVMs of their own as a user
 * runs them, configured only by a {@code config.yaml} (endpoint and keys: nothing on the command line).
 * Their tables equal those of the same commands on a local directory.
 */
class ObjectStorageTest {
    @TempDir
    static Path shared;
    static InProcessS3 s3;
    static Path conf;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = InProcessS3.start(shared.resolve("objects"));
        conf = shared.resolve("conf");
        Files.createDirectories(conf);
        List<String> lines = new ArrayList<>();
        s3.flinkSettings().forEach((k, v) -> lines.add(k + ": \"" + v + "\""));
        lines.add("execution.checkpointing.dir: " + s3.uri("checkpoints"));
        lines.add("execution.checkpointing.savepoint-dir: " + s3.uri("savepoints"));
        Files.write(conf.resolve("config.yaml"), lines);
        // This JVM reads the tables back with the same settings.
        Configuration flink = new Configuration();
        s3.flinkSettings().forEach(flink::setString);
        HadoopConf.useFlinkConfiguration(flink);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Test
    void indexAndMaintainOnS3GiveTheRowsOfALocalIndex() throws Exception {
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), IndexJobTest.FILES)) {
            repo.commit("real stdlib files");
            String warehouse = s3.uri("index-wh");
            run("index", List.of("index", "--repo", repo.dir.toString(), "--warehouse", warehouse, "--flink-conf",
                    conf.toString(), "--checkpoint-interval", "500ms"));
            Path local = tmp.resolve("local");
            run("local", List.of("index", "--repo", repo.dir.toString(), "--warehouse", local.toString()));

            assertEquals(WarehouseRows.read(local).canonical(), WarehouseRows.read(warehouse).canonical());
            assertTrue(s3.keys("index-wh/cpg_nodes/_delta_log/").stream().anyMatch(k -> k.endsWith(".json")));

            // maintain on the same warehouse: compaction and vacuum change no row.
            Map<String, List<String>> before = WarehouseRows.read(warehouse).canonical();
            run("maintain", List.of("maintain", "--warehouse", warehouse, "--flink-conf", conf.toString(), "--compact",
                    "--vacuum", "--retain", "0", "--unsafe-retention"));
            assertEquals(before, WarehouseRows.read(warehouse).canonical());
        }
    }

    @Test
    void watchOnS3FollowsCommitsAndStopsWithASavepointThere() throws Exception {
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), List.of("textwrap.py", "fnmatch.py"))) {
            String first = repo.commit("first");
            String warehouse = s3.uri("watch-wh");
            try (CommandProcess watch = CommandProcess.start(tmp.resolve("run"), "watch", List.of("watch", "--repo",
                    repo.dir.toString(), "--warehouse", warehouse, "--flink-conf", conf.toString(), "--poll", "100ms",
                    "--checkpoint-interval", "300ms", "--parallelism", "1"))) {
                watch.awaitOutput(first.substring(0, 12) + " visible", Duration.ofSeconds(180));
                repo.copy("glob.py", "glob.py");
                repo.delete("textwrap.py");
                String second = repo.commit("second");
                watch.awaitOutput(second.substring(0, 12) + " visible", Duration.ofSeconds(180));
                assertTrue(s3.keys("checkpoints/").stream().anyMatch(k -> k.endsWith("/_metadata")),
                        "Flink's checkpoints are on S3: " + s3.keys("checkpoints/"));
                watch.terminate(Duration.ofSeconds(120));
                assertTrue(watch.output().contains("taking a final savepoint"), watch.output());
                assertTrue(s3.keys("savepoints/").stream().anyMatch(k -> k.endsWith("/_metadata")),
                        "the final savepoint is on S3: " + s3.keys("savepoints/") + "\n" + watch.output() + tail(watch.log()));
                assertEquals(second, RepoHead.of(warehouse, "repo").orElseThrow().commit);
            }
            Path fresh = tmp.resolve("fresh");
            run("fresh", List.of("index", "--repo", repo.dir.toString(), "--warehouse", fresh.toString()));
            assertEquals(WarehouseRows.read(fresh).withoutCommit(), WarehouseRows.read(warehouse).withoutCommit());
        }
    }

    private void run(String name, List<String> args) throws Exception {
        try (CommandProcess command = CommandProcess.start(tmp.resolve("run"), name, args)) {
            int status = command.awaitExit(Duration.ofMinutes(5));
            assertEquals(0, status, name + ":\n" + command.output() + "\n" + tail(command.log()));
        }
    }

    private static String tail(String log) {
        return log.length() > 8000 ? log.substring(log.length() - 8000) : log;
    }

}
