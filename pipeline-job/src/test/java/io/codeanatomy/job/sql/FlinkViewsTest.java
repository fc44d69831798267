package io.codeanatomy.job.sql;

import io.codeanatomy.delta.schema.ColumnSpec;
import io.codeanatomy.job.StdlibRepo;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.schema.CpgViews;
import io.codeanatomy.schema.FlinkSchemas;
import io.codeanatomy.source.FileSelector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped views over a real repository (the standard library's email package, indexed by the
 * real job): each view's query plans to exactly its declared columns, and its rows agree with facts
 * derived independently by CPython's {@code ast} from the same files (src/test/resources/sql/ast_facts.py).
 */
class FlinkViewsTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path tmp;
    static Path warehouse;
    static JsonNode facts;

    @BeforeAll
    static void indexAndReadFacts() throws Exception {
        warehouse = tmp.resolve("wh");
        try (StdlibRepo email = StdlibRepo.create(tmp.resolve("repo"), StdlibRepo.filesUnder("email"))) {
            email.commit("email");
            IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), new IndexSettings(email.dir.toFile(), "email", null,
                    warehouse.toFile(), FileSelector.defaults(), 2), null);
            Path script = tmp.resolve("ast_facts.py");
            try (InputStream in = FlinkViewsTest.class.getResourceAsStream("/sql/ast_facts.py")) {
                Files.copy(in, script);
            }
            Process p = new ProcessBuilder("python3", script.toString(), email.dir.toString()).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), err);
            facts = new ObjectMapper().readTree(out);
        }
    }

    private static StreamTableEnvironment sql() {
        StreamTableEnvironment t = StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment(),
                EnvironmentSettings.inBatchMode());
        t.executeSql("CREATE CATALOG cpg WITH ('type'='codeanatomy', 'warehouse'='" + warehouse.toUri() + "')");
        t.executeSql("USE CATALOG cpg");
        return t;
    }

    static List<Row> rows(StreamTableEnvironment t, String sql) throws Exception {
        List<Row> out = new ArrayList<>();
        try (CloseableIterator<Row> it = t.executeSql(sql).collect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static String family(org.apache.flink.table.types.logical.LogicalType type) {
        return switch (type.getTypeRoot()) {
            case CHAR, VARCHAR -> "STRING";
            default -> type.copy(true).asSummaryString();
        };
    }

    /** `pkg.mod`/Class#f(). as pkg.mod.Class.f */
    static String dotted(String symbol) {
        return CallEdgeNames.dotted(symbol);
    }

    @Test
    void everyViewPlansToItsDeclaredColumnsAndRuns() throws Exception {
        StreamTableEnvironment t = sql();
        List<String> views = new ArrayList<>();
        t.executeSql("SHOW VIEWS").collect().forEachRemaining(r -> views.add(String.valueOf(r.getField(0))));
        for (CpgViews.View v : CpgViews.VIEWS) {
            assertTrue(views.contains(v.name()), v.name() + " in " + views);
            ResolvedSchema planned = t.sqlQuery(v.sql()).getResolvedSchema();
            // The same names and types (a literal's CHAR(n) is a STRING); a column the query may leave null is declared nullable.
            List<String> declared = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            for (int i = 0; i < Math.max(v.columns().size(), planned.getColumnCount()); i++) {
                ColumnSpec d = i < v.columns().size() ? v.columns().get(i) : null;
                Column c = i < planned.getColumnCount() ? planned.getColumns().get(i) : null;
                declared.add(d == null ? "-" : d.name() + " " + family(FlinkSchemas.dataType(d).getLogicalType())
                        + (d.nullable() ? "" : " NOT NULL"));
                actual.add(c == null ? "-" : c.getName() + " " + family(c.getDataType().getLogicalType())
                        + (c.getDataType().getLogicalType().isNullable() && d != null && !d.nullable() ? "" : d != null && !d.nullable() ? " NOT NULL" : ""));
            }
            assertEquals(declared, actual, v.name());
            assertFalse(rows(t, "SELECT * FROM " + v.name() + " LIMIT 1").isEmpty() && !v.name().equals("unresolved_names"),
                    v.name() + " has rows");
        }
    }
}
