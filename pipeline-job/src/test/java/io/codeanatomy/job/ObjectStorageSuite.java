package io.codeanatomy.job;

import io.codeanatomy.delta.kernel.HadoopConf;
import io.codeanatomy.delta.s3.InProcessS3;
import io.codeanatomy.job.warehouse.RepoHead;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.BeforeEach;
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
 * index, watch and maintain against an S3 API server: the warehouse, the checkpoints and the final
 * savepoint on {@code s3a://}, the commands in JVMs of their own as a user runs them, configured only
 * by a {@code config.yaml} (endpoint and keys: nothing on the command line). Their tables equal those
 * of the same commands on a local directory. Subclasses bring the server: S3Proxy in this JVM
 * ({@link InProcessObjectStorageTest}), or MinIO in a container where Docker runs
 * ({@link MinioObjectStorageTest}).
 */
abstract class ObjectStorageSuite {
    /** The bucket every subclass's server has. */
    static final String BUCKET = InProcessS3.BUCKET;

    @TempDir
    Path tmp;

    private Path conf;

    /** The Flink configuration keys that reach the server (endpoint, region, path style, keys). */
    abstract Map<String, String> storeSettings();

    static String uri(String path) {
        return "s3a://" + BUCKET + "/" + path;
    }

    @BeforeEach
    void writeConfiguration() throws Exception {
        conf = tmp.resolve("conf");
        Files.createDirectories(conf);
        List<String> lines = new ArrayList<>();
        storeSettings().forEach((k, v) -> lines.add(k + ": \"" + v + "\""));
        lines.add("execution.checkpointing.dir: " + uri("checkpoints"));
        lines.add("execution.checkpointing.savepoint-dir: " + uri("savepoints"));
        Files.write(conf.resolve("config.yaml"), lines);
        // This JVM reads the tables back with the same settings.
        HadoopConf.useSettings(storeSettings());
    }

    /** Every object key under {@code prefix}, listed through S3A. */
    List<String> keys(String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(uri(prefix));
        try (FileSystem fs = FileSystem.newInstance(root.toUri(), HadoopConf.create())) {
            if (!fs.exists(root)) {
                return keys;
            }
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
            while (files.hasNext()) {
                keys.add(files.next().getPath().toUri().getPath().substring(1 + BUCKET.length() + 1));
            }
        }
        return keys;
    }

    @Test
    void indexAndMaintainOnS3GiveTheRowsOfALocalIndex() throws Exception {
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), IndexJobTest.FILES)) {
            repo.commit("real stdlib files");
            String warehouse = uri("index-wh");
            run("index", List.of("index", "--repo", repo.dir.toString(), "--warehouse", warehouse, "--flink-conf",
                    conf.toString(), "--checkpoint-interval", "500ms"));
            Path local = tmp.resolve("local");
            run("local", List.of("index", "--repo", repo.dir.toString(), "--warehouse", local.toString()));

            assertEquals(WarehouseRows.read(local).canonical(), WarehouseRows.read(warehouse).canonical());
            assertTrue(keys("index-wh/cpg_nodes/_delta_log/").stream().anyMatch(k -> k.endsWith(".json")));

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
            String warehouse = uri("watch-wh");
            try (CommandProcess watch = CommandProcess.start(tmp.resolve("run"), "watch", List.of("watch", "--repo",
                    repo.dir.toString(), "--warehouse", warehouse, "--flink-conf", conf.toString(), "--poll", "100ms",
                    "--checkpoint-interval", "300ms", "--parallelism", "1"))) {
                watch.awaitOutput(first.substring(0, 12) + " visible", Duration.ofSeconds(180));
                repo.copy("glob.py", "glob.py");
                repo.delete("textwrap.py");
                String second = repo.commit("second");
                watch.awaitOutput(second.substring(0, 12) + " visible", Duration.ofSeconds(180));
                assertTrue(keys("checkpoints/").stream().anyMatch(k -> k.endsWith("/_metadata")),
                        "Flink's checkpoints are on S3: " + keys("checkpoints/"));
                watch.terminate(Duration.ofSeconds(120));
                assertTrue(watch.output().contains("taking a final savepoint"), watch.output());
                assertTrue(keys("savepoints/").stream().anyMatch(k -> k.endsWith("/_metadata")),
                        "the final savepoint is on S3: " + keys("savepoints/") + "\n" + watch.output() + tail(watch.log()));
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
