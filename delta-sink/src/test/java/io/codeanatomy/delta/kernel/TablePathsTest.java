package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.s3.InProcessS3;
import io.codeanatomy.delta.schema.ColumnType;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.engine.Engine;

import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table exists once it has a committed version, not once its log directory does: readers list a
 * warehouse while a writer creates its tables, and a log without a commit file cannot be loaded.
 */
class TablePathsTest {
    private static final TableSpec SPEC = TableSpec.builder("t", "")
            .required("repo", ColumnType.STRING, "").required("path", ColumnType.STRING, "")
            .required("id", ColumnType.STRING, "").primaryKey("id").build();

    @TempDir
    Path dir;

    @Test
    void aLocalTableExistsFromItsFirstCommit() throws Exception {
        String warehouse = dir.resolve("wh").toString();
        assertFalse(TablePaths.exists(warehouse, "t"), "no directory");
        Files.createDirectories(dir.resolve("wh/t/_delta_log"));
        Files.writeString(dir.resolve("wh/t/_delta_log/.00000000000000000000.json.tmp"), "{}");
        assertFalse(TablePaths.exists(warehouse, "t"), "a log directory with an unfinished commit");
        TableCreator.ensureCreated(EngineFactory.create(), TablePaths.tablePath(warehouse, "t"), SPEC);
        assertTrue(TablePaths.exists(warehouse, "t"), "created");
    }

    @Test
    void aTableOnObjectStorageExistsFromItsFirstCommit() throws Exception {
        try (InProcessS3 s3 = InProcessS3.start(dir.resolve("objects"))) {
            HadoopConf.useSettings(s3.flinkSettings());
            try {
                String warehouse = s3.uri("wh");
                assertFalse(TablePaths.exists(warehouse, "t"), "no object");
                org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(s3.uri("wh/t/_delta_log"));
                try (FileSystem fs = FileSystem.newInstance(log.toUri(), HadoopConf.create())) {
                    fs.mkdirs(log);
                    fs.create(new org.apache.hadoop.fs.Path(log, "_commit.tmp")).close();
                }
                assertFalse(TablePaths.exists(warehouse, "t"), "a log prefix without a commit file");
                Engine engine = EngineFactory.create();
                TableCreator.ensureCreated(engine, TablePaths.tablePath(warehouse, "t"), SPEC);
                assertTrue(TablePaths.exists(warehouse, "t"), "created");
            } finally {
                HadoopConf.useSettings(Map.of());
            }
        }
    }

    @Test
    void onlyALocalWarehouseWithNothingInItIsEmpty(@TempDir Path dir) throws Exception {
        assertTrue(TablePaths.isEmptyLocal(dir.resolve("not-yet").toString()), "missing");
        assertTrue(TablePaths.isEmptyLocal(dir.toUri().toString()), "an empty directory, as a file URI");
        Files.createDirectories(dir.resolve("files"));
        assertFalse(TablePaths.isEmptyLocal(dir.toString()), "anything in it: the tables are checked");
        assertFalse(TablePaths.isEmptyLocal("s3a://bucket/wh"), "not local: never assumed empty");
    }
}
