package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.ParquetStager;
import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.maintenance.MaintenancePolicy;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What reading the {@code commits} table costs as checkpoints pile up: {@link CommitLog#checkpoints}
 * (what every SQL statement and every poll of a streaming query asks, here right after each new
 * checkpoint, as a statement after each checkpoint of a watch would) against a full read of the
 * table (every data file opened: what it did before it kept the rows of the files it had read), in
 * the same run. A sink commits each checkpoint for real (two tables, then {@code commits}).
 *
 * <pre>
 * cd delta-sink && mvn -o -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/ds.cp
 * java --add-opens=java.base/java.nio=ALL-UNNAMED -cp target/test-classes:target/classes:$(cat /tmp/ds.cp) \
 *     io.codeanatomy.delta.sink.CommitLogReadBenchmark [CHECKPOINTS]
 * </pre>
 */
public final class CommitLogReadBenchmark {
    private CommitLogReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int checkpoints = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        Path dir = Files.createTempDirectory("codeanatomy-commits-bench");
        Engine engine = EngineFactory.create();
        DeltaSinkConfig config = DeltaSinkConfig.builder(dir.toString(), DeltaSinkTest.TABLES, "app")
                .maintenance(MaintenancePolicy.disabled()).build();
        String commits = config.tablePath(CommitLog.TABLE);
        System.out.printf("%12s %16s %16s %8s%n", "checkpoints", "checkpoints() ms", "full read ms", "ratio");
        try (DeltaCommitter committer = new DeltaCommitter(config, new UnregisteredMetricsGroup())) {
            for (int id = 1; id <= checkpoints; id++) {
                TableWrites writes = staged(engine, config, "f" + id + ".py");
                committer.commit(List.of(ReplayCheckTest.request(new DeltaCommittable("app", id, writes))));
                long t0 = System.nanoTime();
                int read = CommitLog.checkpoints(engine, dir.toString()).size();
                long t1 = System.nanoTime();
                int full = TableRows.readAll(engine, TableManager.loadSnapshot(commits).build(engine),
                        CommitLog.specOf(engine, commits)).size();
                long t2 = System.nanoTime();
                if (read != id || full != id * (DeltaSinkTest.TABLES.size())) {
                    throw new IllegalStateException("checkpoint " + id + ": " + read + " checkpoints, " + full + " rows");
                }
                if (id % 50 == 0 || id == checkpoints) {
                    double incremental = (t1 - t0) / 1e6;
                    double all = (t2 - t1) / 1e6;
                    System.out.printf("%12d %16.1f %16.1f %8.2f%n", id, incremental, all, incremental / all);
                }
            }
        }
    }

    private static TableWrites staged(Engine engine, DeltaSinkConfig config, String path) throws Exception {
        Map<String, List<StagedFile>> files = new HashMap<>();
        for (int t = 0; t < DeltaSinkTest.TABLES.size(); t++) {
            TableSpec spec = DeltaSinkTest.TABLES.get(t);
            files.put(spec.name(), new ParquetStager(engine, config.tablePath(spec.name()), spec)
                    .stage(new ArrayList<>(DeltaSinkTest.file(path, 2).rows(t))));
        }
        return new TableWrites(List.of(new Owner("r", path)), Map.of(), files);
    }
}
