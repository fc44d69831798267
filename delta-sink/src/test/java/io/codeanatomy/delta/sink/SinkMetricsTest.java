package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.CommitFiles;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.maintenance.MaintenancePolicy;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.OwnedRowsTypeInfo;
import io.codeanatomy.delta.schema.TableSpec;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sink's metrics, as an operator's dashboard would read them from a metric reporter. */
class SinkMetricsTest {
    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .setConfiguration(REPORTER.addToConfiguration(new Configuration())).build());

    @TempDir
    Path dir;

    /** Sum of a metric over every group that registered it (the only job of this cluster). */
    private static long sum(String name) {
        long total = 0;
        for (Map<String, Metric> group : REPORTER.getMetricsByGroup().values()) {
            Metric m = group.get(name);
            if (m instanceof Counter) {
                total += ((Counter) m).getCount();
            } else if (m instanceof Gauge) {
                total += ((Number) ((Gauge<?>) m).getValue()).longValue();
            }
        }
        return total;
    }

    private static boolean registered(String name) {
        return REPORTER.getMetricsByGroup().values().stream().anyMatch(g -> g.containsKey(name));
    }

    /** Files and bytes added by every commit of every table, read from the Delta logs. */
    private long[] addedFilesAndBytes() throws IOException {
        long files = 0;
        long bytes = 0;
        for (TableSpec spec : DeltaSinkTest.TABLES.tables()) {
            String table = TablePaths.tablePath(dir.toString(), spec.name());
            try (Stream<Path> log = Files.list(dir.resolve(spec.name()).resolve("_delta_log"))) {
                for (String name : log.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{20}\\.json")).toList()) {
                    for (JsonNode action : CommitFiles.actions(table, Long.parseLong(name.substring(0, 20)))) {
                        if (action.has("add")) {
                            files++;
                            bytes += action.get("add").path("size").asLong();
                        }
                    }
                }
            }
        }
        return new long[] {files, bytes};
    }

    @Test
    void recordsBytesFilesCommitsAndLatencyAreReported() throws Exception {
        List<OwnedRows> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(DeltaSinkTest.file("f" + i + ".py", 5));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromData(records, new OwnedRowsTypeInfo(DeltaSinkTest.TABLES)).setParallelism(1)
                // A one-byte buffer writes every record early, so most files are staged before prepareCommit.
                .sinkTo(new DeltaSink(DeltaSinkConfig.builder(dir.toString(), DeltaSinkTest.TABLES, "app")
                        .bufferBytes(1).maintenance(MaintenancePolicy.disabled()).build())).uid("sink");
        env.execute();

        long[] added = addedFilesAndBytes();
        assertEquals(100, sum("numRecordsSend"), "rows written: 10 files x 5 rows x 2 tables");
        assertTrue(added[0] >= 20, "every record was flushed early, one file per table each: " + added[0]);
        assertEquals(added[1], sum("numBytesSend"), "bytes sent = sizes of the data files the commits added");
        assertEquals(added[0], sum("deltaFilesWritten"), "data files written = files the commits added");
        assertEquals(2, sum("deltaTableCommits"), "one commit per table");
        assertEquals(0, sum("deltaCommitRetries"));
        assertTrue(registered("deltaLastCheckpointCommitMillis"), "commit latency");
        assertTrue(registered("deltaBufferedBytes"), "buffered memory");
    }
}
