package io.codeanatomy.interop;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.HadoopConf;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.delta.s3.InProcessS3;
import io.codeanatomy.delta.sink.CommitLog;
import io.codeanatomy.schema.CpgQueries;
import io.codeanatomy.schema.CpgSchema;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An independent reader: Apache Spark with delta-spark reads every table the sink writes, with the
 * same rows Delta Kernel reads, after appends, replaces, deletes, compaction and vacuum. The tables
 * are written by the real `codeanatomy` command, run as its own process.
 */
@Tag("slow")
class SparkReadsSinkTablesTest {
    static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[1]").appName("codeanatomy-interop")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "1")
                .config("spark.sql.adaptive.enabled", "false")
                .config("spark.sql.codegen.wholeStage", "false")
                .config("spark.databricks.delta.snapshotPartitions", "1")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static String codeanatomy(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-jar",
                System.getProperty("codeanatomy.jar")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
            }
        }
        assertEquals(0, p.waitFor(), "codeanatomy " + String.join(" ", args) + " failed:\n" + out);
        return out.toString();
    }

    private static Path stdlib() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").start();
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor());
        return Path.of(line);
    }

    private static String render(Object[] values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            sb.append(v).append('\u0001');
        }
        return sb.toString();
    }

    /** Every table read by Kernel and by Spark, compared as sorted rows. Returns total rows. */
    private long assertSparkMatchesKernel(Path warehouse, String step) {
        return assertSparkMatchesKernel(warehouse.toString(), step);
    }

    private long assertSparkMatchesKernel(String warehouse, String step) {
        Engine engine = EngineFactory.create();
        List<TableSpec> tables = new ArrayList<>(CpgSchema.TABLES.tables());
        tables.add(CommitLog.SPEC);
        long total = 0;
        for (TableSpec spec : tables) {
            String path = TablePaths.tablePath(warehouse, spec.name());
            List<String> kernel = new ArrayList<>();
            for (Object[] row : TableRows.readAll(engine, TableManager.loadSnapshot(path).build(engine), spec)) {
                kernel.add(render(row));
            }
            Column[] columns = spec.columns().stream().map(c -> new Column(c.name())).toArray(Column[]::new);
            List<String> sparkRows = new ArrayList<>();
            for (Row row : spark.read().format("delta").load(path).select(columns).collectAsList()) {
                Object[] values = new Object[row.length()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = row.get(i);
                }
                sparkRows.add(render(values));
            }
            kernel.sort(String::compareTo);
            sparkRows.sort(String::compareTo);
            assertEquals(kernel.size(), sparkRows.size(), step + ": " + spec.name() + " row count");
            assertEquals(kernel, sparkRows, step + ": " + spec.name() + " rows");
            total += kernel.size();
        }
        return total;
    }

    @Test
    void sparkReadsWhatKernelReadsAfterEveryKindOfWrite() throws Exception {
        Path repo = tmp.resolve("repo");
        Path warehouse = tmp.resolve("warehouse");
        Path std = stdlib();
        for (String f : List.of("json/__init__.py", "json/decoder.py", "json/encoder.py", "textwrap.py", "fnmatch.py",
                "csv.py", "shlex.py")) {
            Files.createDirectories(repo.resolve(f).getParent());
            Files.copy(std.resolve(f), repo.resolve(f));
        }
        Files.writeString(repo.resolve("broken.py"), "def f(:\n    pass\n");

        // Two writers, as on two cores: several files per table for the compaction below (a repository
        // this small runs one task per operator by default).
        codeanatomy("index", "--repo", repo.toString(), "--warehouse", warehouse.toString(), "--repo-id", "interop",
                "--parallelism", "2");
        assertTrue(assertSparkMatchesKernel(warehouse, "append") > 1000);

        String textwrap = Files.readString(repo.resolve("textwrap.py"));
        Files.writeString(repo.resolve("textwrap.py"), textwrap.substring(0, textwrap.indexOf("\ndef ") + 1));
        Files.delete(repo.resolve("fnmatch.py"));
        Files.copy(std.resolve("glob.py"), repo.resolve("glob.py"));
        codeanatomy("index", "--repo", repo.toString(), "--warehouse", warehouse.toString(), "--repo-id", "interop",
                "--parallelism", "2");
        assertSparkMatchesKernel(warehouse, "replace and delete");
        assertTrue(spark.read().format("delta").load(warehouse.resolve("files").toString())
                .where("path = 'fnmatch.py'").isEmpty(), "Spark no longer sees the deleted file");

        long nodeFiles = spark.sql("DESCRIBE DETAIL delta.`" + warehouse.resolve("cpg_nodes") + "`")
                .first().<Long>getAs("numFiles"); // Spark's count, not ours
        String compact = codeanatomy("maintain", "--warehouse", warehouse.toString(), "--compact");
        assertTrue(nodeFiles >= 2, "several files to compact: " + nodeFiles);
        assertTrue(compact.matches("(?s).*cpg_nodes compact: [2-9]\\d* files.*"), compact);
        assertSparkMatchesKernel(warehouse, "compaction");
        // The layout as Spark sees it: no data file holds more than 8 source files' rows.
        long mostOwners = spark.read().format("delta").load(warehouse.resolve("cpg_nodes").toString())
                .groupBy(org.apache.spark.sql.functions.input_file_name())
                .agg(org.apache.spark.sql.functions.countDistinct("path").as("owners"))
                .agg(org.apache.spark.sql.functions.max("owners")).first().getLong(0);
        assertTrue(mostOwners <= 8, "a file holds " + mostOwners + " source files' rows");

        String vacuum = codeanatomy("maintain", "--warehouse", warehouse.toString(), "--vacuum", "--retain", "0",
                "--unsafe-retention");
        assertFalse(vacuum.contains("cpg_nodes vacuum: deleted 0 "), vacuum);
        assertSparkMatchesKernel(warehouse, "vacuum");
    }

    /**
     * A warehouse on an S3 API server (S3Proxy in this JVM): the job writes it through its S3A with
     * the endpoint in a config.yaml, Spark reads it through its own S3A (Hadoop 3.5), row for row
     * what Kernel reads.
     */
    @Test
    void sparkReadsAWarehouseOnObjectStorage() throws Exception {
        try (InProcessS3 s3 = InProcessS3.start(tmp.resolve("objects"))) {
            Path repo = tmp.resolve("repo");
            Path std = stdlib();
            for (String f : List.of("json/__init__.py", "json/decoder.py", "textwrap.py", "fnmatch.py")) {
                Files.createDirectories(repo.resolve(f).getParent());
                Files.copy(std.resolve(f), repo.resolve(f));
            }
            Path conf = tmp.resolve("conf");
            Files.createDirectories(conf);
            List<String> lines = new ArrayList<>();
            s3.flinkSettings().forEach((k, v) -> lines.add(k + ": \"" + v + "\""));
            Files.write(conf.resolve("config.yaml"), lines);
            String warehouse = s3.uri("warehouse");
            codeanatomy("index", "--repo", repo.toString(), "--warehouse", warehouse, "--repo-id", "interop",
                    "--flink-conf", conf.toString());

            HadoopConf.useSettings(s3.flinkSettings());
            org.apache.hadoop.conf.Configuration sparkHadoop = spark.sparkContext().hadoopConfiguration();
            HadoopConf.create().forEach(e -> {
                if (e.getKey().startsWith("fs.s3a.")) {
                    sparkHadoop.set(e.getKey(), e.getValue());
                }
            });
            assertTrue(assertSparkMatchesKernel(warehouse, "s3a") > 500);
            assertTrue(s3.keys("warehouse/cpg_nodes/").stream().anyMatch(k -> k.endsWith(".parquet")));
        }
    }

    /**
     * The SYNTAX_CHILD edges are a view (CpgViews), not rows: run in Spark SQL over the real tables, the
     * view gives, row for row, the edges the row writer stored before (every node under a syntax parent
     * other than FILE, with the edge id CpgIds computes), and cpg_all_edges adds them to the stored ones.
     */
    @Test
    void theSyntaxEdgeViewGivesTheEdgesTheRowWriterNoLongerStores() throws Exception {
        Path repo = tmp.resolve("repo");
        Path warehouse = tmp.resolve("warehouse");
        Path std = stdlib();
        for (String f : List.of("json/__init__.py", "textwrap.py")) {
            Files.createDirectories(repo.resolve(f).getParent());
            Files.copy(std.resolve(f), repo.resolve(f));
        }
        Files.writeString(repo.resolve("broken.py"), "def f(:\n    pass\n");
        Files.write(repo.resolve("data.py"), new byte[] {'x', 0, 1});
        codeanatomy("index", "--repo", repo.toString(), "--warehouse", warehouse.toString(), "--repo-id", "interop");
        for (TableSpec spec : CpgSchema.TABLES.tables()) {
            spark.read().format("delta").load(warehouse.resolve(spec.name()).toString()).createOrReplaceTempView(spec.name());
        }
        for (io.codeanatomy.schema.CpgViews.View view : io.codeanatomy.schema.CpgViews.VIEWS) {
            spark.sql("DROP VIEW IF EXISTS " + view.name());
            spark.sql(view.createStatement(true));
        }

        java.util.Map<String, Row> nodes = new java.util.HashMap<>();
        for (Row n : spark.sql("SELECT repo, path, node_id, kind, parent_id, `commit` FROM cpg_nodes").collectAsList()) {
            nodes.put(n.getString(2), n);
        }
        io.codeanatomy.cpg.CpgIds ids = new io.codeanatomy.cpg.CpgIds();
        List<String> expected = new ArrayList<>();
        for (Row n : nodes.values()) {
            Row parent = n.isNullAt(4) ? null : nodes.get(n.getString(4));
            if (parent != null && !parent.getString(3).equals("FILE")) {
                expected.add(String.join("|", n.getString(0), n.getString(1), ids.edgeId(n.getString(0), n.getString(1),
                        io.codeanatomy.cpg.EdgeKind.SYNTAX_CHILD, parent.getString(2), n.getString(2)), "SYNTAX_CHILD",
                        parent.getString(2), n.getString(2), "tree-sitter", "1.0", String.valueOf(n.getString(5))));
            }
        }
        List<String> viewed = new ArrayList<>();
        for (Row e : spark.sql("SELECT * FROM cpg_syntax_edges").collectAsList()) {
            viewed.add(String.join("|", e.getString(0), e.getString(1), e.getString(2), e.getString(3), e.getString(4),
                    e.getString(5), e.getString(6), String.valueOf(e.getDouble(7)), String.valueOf(e.getString(8))));
        }
        expected.sort(String::compareTo);
        viewed.sort(String::compareTo);
        assertTrue(expected.size() > 1000, "syntax edges: " + expected.size());
        assertEquals(expected, viewed);

        long stored = spark.sql("SELECT * FROM cpg_edges").count();
        assertEquals(0, spark.sql("SELECT * FROM cpg_edges WHERE kind = 'SYNTAX_CHILD'").count());
        assertEquals(stored + expected.size(), spark.sql("SELECT * FROM cpg_all_edges").count());
        assertEquals(0, spark.sql("SELECT edge_id FROM cpg_all_edges GROUP BY edge_id HAVING COUNT(*) > 1").count(),
                "edge ids stay unique across stored and derived edges");
    }

    /**
     * The documented questions (CpgQueries, docs/cross-file.md) run in Spark SQL over a repository
     * written for them, and give the answers its code implies.
     */
    /**
     * Deletion vectors written by another engine: Spark deletes rows of cpg_nodes with deletion vectors
     * enabled (the data files stay, marked), and Flink SQL through our Delta source (codeanatomy sql)
     * reads that version without the deleted rows.
     */
    @Test
    void flinkSqlReadsAVersionWhoseRowsSparkDeletedWithDeletionVectors() throws Exception {
        Path repo = tmp.resolve("dv-repo");
        Path warehouse = tmp.resolve("dv-warehouse");
        Path std = stdlib();
        for (String f : List.of("json/__init__.py", "json/decoder.py", "textwrap.py")) {
            Files.createDirectories(repo.resolve(f).getParent());
            Files.copy(std.resolve(f), repo.resolve(f));
        }
        codeanatomy("index", "--repo", repo.toString(), "--warehouse", warehouse.toString(), "--repo-id", "dv");
        String nodes = warehouse.resolve("cpg_nodes").toString();
        long all = spark.read().format("delta").load(nodes).count();
        long comments = spark.read().format("delta").load(nodes).filter("kind = 'COMMENT'").count();
        assertTrue(comments > 0 && comments < all, comments + " comments of " + all);
        spark.sql("ALTER TABLE delta.`" + nodes + "` SET TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
        spark.sql("DELETE FROM delta.`" + nodes + "` WHERE kind = 'COMMENT'");
        long version = spark.sql("DESCRIBE HISTORY delta.`" + nodes + "`").first().getLong(0);
        String commit = Files.readString(warehouse.resolve("cpg_nodes/_delta_log/" + String.format("%020d.json", version)));
        assertTrue(commit.contains("\"deletionVector\":{"), "the delete wrote deletion vectors: " + commit);

        String csv = codeanatomy("sql", "--warehouse", warehouse.toString(), "--format", "csv", "-e",
                "SELECT COUNT(*) AS n, SUM(CASE WHEN kind = 'COMMENT' THEN 1 ELSE 0 END) AS comments "
                        + "FROM cpg_nodes /*+ OPTIONS('version'='" + version + "') */");
        List<String> lines = csv.lines().filter(l -> l.equals("n,comments") || l.matches("[0-9]+,[0-9]*")).toList();
        assertEquals(List.of("n,comments", (all - comments) + ",0"), lines, csv);
    }

    @Test
    void theDocumentedQueriesAnswerOverTheCrossFileEdges() throws Exception {
        Path repo = tmp.resolve("repo");
        Path warehouse = tmp.resolve("warehouse");
        Files.createDirectories(repo.resolve("shapes"));
        Files.writeString(repo.resolve("shapes/__init__.py"), "");
        Files.writeString(repo.resolve("shapes/base.py"), """
                class Shape:
                    def area(self):
                        return 0

                    def describe(self):
                        return self.area()
                """);
        Files.writeString(repo.resolve("shapes/square.py"), """
                from shapes.base import Shape

                class Square(Shape):
                    def area(self):
                        return 4

                class Tile(Square):
                    pass
                """);
        Files.writeString(repo.resolve("app.py"), """
                from shapes.square import Square
                from shapes.missing import nothing

                def main():
                    return Square().area() + undefined_name
                """);
        codeanatomy("index", "--repo", repo.toString(), "--warehouse", warehouse.toString(), "--repo-id", "queries");
        for (TableSpec spec : CpgSchema.TABLES.tables()) {
            spark.read().format("delta").load(warehouse.resolve(spec.name()).toString()).createOrReplaceTempView(spec.name());
        }
        assertEquals(List.of("app.py|5|Square().area"), query(CpgQueries.CALLERS, "symbol", "`shapes.square`/Square#area()."));
        assertEquals(List.of("`shapes.square`/Square#|CLASS|constructor", "`shapes.square`/Square#area().|METHOD|local_type"),
                query(CpgQueries.CALLEES, "symbol", "app/main()."));
        assertEquals(List.of("`shapes.base`/Shape#area().|METHOD|self"), query(CpgQueries.CALLEES, "symbol", "`shapes.base`/Shape#describe()."));
        assertEquals(List.of("`shapes.square`/|MODULE", "shapes.missing|UNRESOLVED"), query(CpgQueries.IMPORTS, "module", "app/"));
        assertEquals(List.of("`shapes.square`/"), query(CpgQueries.IMPORTERS, "module", "`shapes.base`/"));
        assertEquals(List.of("`shapes.base`/Shape#|CLASS"), query(CpgQueries.BASES, "class", "`shapes.square`/Square#"));
        assertEquals(List.of("`shapes.square`/Square#", "`shapes.square`/Tile#"), query(CpgQueries.SUBCLASSES, "class", "`shapes.base`/Shape#"));
        assertEquals(List.of("`shapes.square`/Square#area()."), query(CpgQueries.OVERRIDES, "symbol", "`shapes.base`/Shape#area()."));
        assertEquals(List.of("app.py|shapes.missing.nothing|1", "app.py|undefined_name|1"), query(CpgQueries.UNRESOLVED));
    }

    /** A query's rows, columns joined by '|', the first three columns at most, numbers as text. */
    private static List<String> query(CpgQueries.Query q, String... parameters) {
        java.util.Map<String, String> bound = new java.util.HashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            bound.put(parameters[i], parameters[i + 1]);
        }
        List<String> out = new ArrayList<>();
        for (Row r : spark.sql(q.bind(bound)).collectAsList()) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < Math.min(3, r.length()); c++) {
                cells.add(String.valueOf(r.get(c)));
            }
            out.add(String.join("|", cells));
        }
        return out;
    }
}
