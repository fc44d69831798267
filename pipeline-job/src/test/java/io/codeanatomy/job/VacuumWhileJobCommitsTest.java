package io.codeanatomy.job;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.maintenance.MaintenanceReport;
import io.codeanatomy.delta.maintenance.WarehouseMaintenance;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vacuum with really old garbage, while a job commits: a warehouse indexed twice (the first run's files
 * replaced) is aged three days, then a later commit is indexed with 100 ms checkpoints while a
 * maintainer vacuums with a one-day retention in a loop. Vacuum deletes the old garbage meanwhile, and
 * afterwards the tables equal a fresh index and every version since the cutoff still reads whole.
 */
class VacuumWhileJobCommitsTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path tmp;

    private static void index(StdlibRepo repo, Path warehouse, Duration interval) throws Exception {
        IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), new IndexSettings(repo.dir.toFile(), "stdlib",
                null, warehouse.toFile(), FileSelector.defaults(), 2, interval), null);
    }

    @Test
    void vacuumDeletesOldGarbageWhileAJobCommitsAndNoRetainedVersionLosesAFile() throws Exception {
        Path warehouse = tmp.resolve("wh");
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), StdlibRepo.filesUnder("json", "email/mime"))) {
            repo.commit("first");
            index(repo, warehouse, null);
            index(repo, warehouse, null); // replaces every file: the first run's files are garbage from now on
            age(warehouse, Instant.now().minus(Duration.ofDays(3)));
            long cutoffVersion = TableManager.loadSnapshot(TablePaths.tablePath(warehouse.toString(), CpgSchema.NODES))
                    .build(EngineFactory.create()).getVersion();

            repo.copy("textwrap.py", "json/decoder.py");
            repo.delete("json/tool.py");
            repo.copy("fnmatch.py", "email/mime/extra.py");
            repo.commit("second");

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger deleted = new AtomicInteger();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            Thread maintainer = new Thread(() -> {
                Engine engine = EngineFactory.create();
                while (running.get()) {
                    try {
                        for (MaintenanceReport r : WarehouseMaintenance.vacuum(engine, warehouse.toString(),
                                CpgSchema.TABLES.tables(), Duration.ofDays(1))) {
                            deleted.addAndGet(r.filesBefore);
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }
            }, "maintainer");
            maintainer.start();
            try {
                index(repo, warehouse, Duration.ofMillis(100));
            } finally {
                running.set(false);
                maintainer.join();
            }
            assertEquals(List.of(), errors, "vacuum ran without errors");
            assertTrue(deleted.get() > 0, "vacuum deleted the old garbage while the job committed");

            Path fresh = tmp.resolve("fresh");
            index(repo, fresh, null);
            assertEquals(WarehouseRows.read(fresh).canonical().get(CpgSchema.NODES),
                    WarehouseRows.read(warehouse).canonical().get(CpgSchema.NODES));
            assertEquals(WarehouseRows.read(fresh).canonical().get(CpgSchema.FILES),
                    WarehouseRows.read(warehouse).canonical().get(CpgSchema.FILES));

            Engine engine = EngineFactory.create();
            for (TableSpec spec : CpgSchema.TABLES.tables()) {
                String path = TablePaths.tablePath(warehouse.toString(), spec.name());
                long latest = TableManager.loadSnapshot(path).build(engine).getVersion();
                long from = spec.name().equals(CpgSchema.NODES) ? cutoffVersion : latest;
                for (long v = from; v <= latest; v++) {
                    TableRows.readAll(engine, TableManager.loadSnapshot(path).atVersion(v).build(engine), spec); // every file there
                }
            }
        }
    }

    /** Sets every data and commit file of the warehouse back to {@code when}. */
    private static void age(Path warehouse, Instant when) throws Exception {
        try (Stream<Path> files = Files.walk(warehouse)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".parquet") || name.endsWith(".json")) {
                    Files.setLastModifiedTime(p, FileTime.from(when));
                }
            }
        }
    }
}
