package io.codeanatomy.bench;

import io.codeanatomy.job.topology.EvidenceTopology;
import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.evidence.ContentState;
import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.extract.CstLayer;
import io.codeanatomy.extract.cpython.CPythonFactsCodec;
import io.codeanatomy.extract.cpython.CPythonHelper;
import io.codeanatomy.lang.LanguageFrontends;
import io.codeanatomy.delta.kernel.CommitOutcome;
import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.OwnerSet;
import io.codeanatomy.delta.kernel.ParquetStager;
import io.codeanatomy.delta.kernel.RowOrder;
import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.kernel.TableCreator;
import io.codeanatomy.delta.kernel.TableCommit;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.kernel.WriterGuard;
import io.codeanatomy.delta.maintenance.MaintenancePolicy;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.OwnedRowsTypeInfo;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.delta.sink.DeltaSink;
import io.codeanatomy.delta.sink.DeltaSinkConfig;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileChange;
import io.codeanatomy.source.FileSelector;
import io.codeanatomy.source.SnapshotSource;
import io.codeanatomy.source.split.SnapshotSplit;

import io.delta.kernel.engine.Engine;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The sink's figures on real CPG rows (every .py file under DIR): the sink's share of the pipeline
 * (the same job into a discarding sink and into the Delta sink), raw Kernel Parquet writes of the
 * same rows as a baseline in the same run, and the write amplification of replacing one file in a
 * table holding all of them.
 *
 * <p>Usage: {@code java -cp TEST_CLASS_PATH io.codeanatomy.bench.WriteBenchmark DIR WAREHOUSE PARALLELISM} (bench/delta-sink.sh)
 */
public final class WriteBenchmark {
    private WriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path warehouse = Path.of(args[1]);
        int parallelism = Integer.parseInt(args[2]);

        List<OwnedRows> records = extract(root);
        long rows = records.stream().mapToLong(OwnedRows::rowCount).sum();
        System.out.printf(Locale.ROOT, "owners=%d%nrows=%d%n", records.size(), rows);

        // Baseline: the same rows through Kernel's Parquet writer directly, one thread, no Flink.
        Engine engine = EngineFactory.create();
        long start = System.nanoTime();
        long baselineBytes = 0;
        for (int t = 0; t < CpgSchema.TABLES.size(); t++) {
            TableSpec spec = CpgSchema.TABLES.get(t);
            List<Object[]> all = new ArrayList<>();
            for (OwnedRows r : records) {
                all.addAll(r.rows(t));
            }
            all.sort(RowOrder.of(spec));
            for (StagedFile f : new ParquetStager(engine, TablePaths.tablePath(warehouse.resolve("baseline").toString(),
                    spec.name()), spec).stage(all)) {
                baselineBytes += f.size();
            }
        }
        double baselineSeconds = (System.nanoTime() - start) / 1e9;

        // The sink: the real pipeline (snapshot source, extraction) once into a discarding sink and
        // once into the Delta sink, same run; the difference is what the sink costs.
        String sinkWarehouse = warehouse.resolve("sink").toString();
        double discardSeconds = runPipeline(root, parallelism, null);
        double deltaSeconds = runPipeline(root, parallelism, sinkWarehouse);
        double sinkSeconds = Math.max(1e-3, deltaSeconds - discardSeconds);
        long sinkBytes = dataBytes(Path.of(sinkWarehouse));

        System.out.printf(Locale.ROOT, "baseline_seconds=%.2f%nbaseline_rows_per_s=%.0f%nbaseline_mb_per_s=%.2f%n",
                baselineSeconds, rows / baselineSeconds, baselineBytes / 1048576.0 / baselineSeconds);
        System.out.printf(Locale.ROOT, "pipeline_discarding_seconds=%.2f%npipeline_delta_seconds=%.2f%n",
                discardSeconds, deltaSeconds);
        System.out.printf(Locale.ROOT, "sink_seconds=%.2f%nsink_rows_per_s=%.0f%nsink_mb_per_s=%.2f%n",
                sinkSeconds, rows / sinkSeconds, sinkBytes / 1048576.0 / sinkSeconds);

        // Amplification: replace one median-size file, as the committer does after a one-file commit.
        List<OwnedRows> bySize = new ArrayList<>(records);
        bySize.sort(Comparator.comparingLong(OwnedRows::rowCount));
        OwnedRows target = bySize.get(bySize.size() / 2);
        long newBytes = 0;
        long rewritten = 0;
        for (int t = 0; t < CpgSchema.TABLES.size(); t++) {
            TableSpec spec = CpgSchema.TABLES.get(t);
            String path = TablePaths.tablePath(sinkWarehouse, spec.name());
            List<Object[]> fresh = new ArrayList<>(target.rows(t));
            fresh.sort(RowOrder.of(spec));
            List<StagedFile> staged = new ParquetStager(engine, path, spec).stage(fresh);
            newBytes += staged.stream().mapToLong(StagedFile::size).sum();
            CommitOutcome outcome = new TableCommit(engine, path, spec, new WriterGuard(path, "bench-replace"))
                    .commit("bench-replace", 1, new OwnerSet(List.of(target.owner())), Set.of(), staged);
            rewritten += outcome.rewrittenBytes;
            System.out.printf(Locale.ROOT, "replace_%s_rewritten_bytes=%d%n", spec.name(), outcome.rewrittenBytes);
        }
        System.out.printf(Locale.ROOT, "replace_owner=%s%nreplace_owner_rows=%d%nreplace_new_bytes=%d%nreplace_rewritten_bytes=%d%n"
                + "write_amplification=%.1f%n", target.owner(), target.rowCount(), newBytes, rewritten,
                newBytes == 0 ? 0.0 : (double) rewritten / newBytes);
    }

    /** Runs source, extraction and a sink (Delta when a warehouse is given, else discarding); returns seconds. */
    private static double runPipeline(Path root, int parallelism, String warehouse) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, new Configuration());
        SnapshotSplit split = new SnapshotSplit("bench", root.toString(), null, List.of(), 0);
        DataStream<OwnedRows> rows = EvidenceTopology.rows(env.fromSource(new SnapshotSource(List.of(split),
                        FileSelector.defaults()), WatermarkStrategy.noWatermarks(), "source").setParallelism(1),
                LayerSettings.defaults());
        if (warehouse == null) {
            rows.sinkTo(new DiscardingSink<>());
        } else {
            TableCreator.ensureAll(EngineFactory.create(), warehouse, CpgSchema.TABLES);
            rows.sinkTo(new DeltaSink(DeltaSinkConfig.builder(warehouse, CpgSchema.TABLES, "bench")
                    .maintenance(MaintenancePolicy.disabled()).build())).uid("sink");
        }
        long start = System.nanoTime();
        env.execute("write benchmark");
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The rows the timed pipeline writes: every layer it runs (CST with the full tree and scopes, CPython,
     * fusion), in-process, so that the rows counted are the rows written.
     */
    private static List<OwnedRows> extract(Path root) throws Exception {
        List<OwnedRows> out = new ArrayList<>();
        ObjectInserter.Formatter blobIds = new ObjectInserter.Formatter();
        LayerSettings layers = LayerSettings.defaults();
        LanguageFrontends frontends = LanguageFrontends.all();
        try (CstLayer cst = new CstLayer(frontends, layers.syntaxNodes);
             CPythonHelper python = new CPythonHelper(layers.pythonExecutable, layers.cpythonTimeout, 1);
             Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".py")
                    && !f.toString().contains("/.git/")).sorted()::iterator) {
                byte[] content = Files.readAllBytes(p);
                FileChange change = FileChange.add("bench", root.relativize(p).toString(), null, "python", content.length);
                change.content = content;
                change.blobId = blobIds.idFor(Constants.OBJ_BLOB, content).name();
                Map<EvidenceLayer, byte[]> evidence = new EnumMap<>(EvidenceLayer.class);
                evidence.put(EvidenceLayer.CST, cst.evidence(change).payload);
                if (ContentState.of(content) == ContentState.TEXT) {
                    evidence.put(EvidenceLayer.CPYTHON, CPythonFactsCodec.encode(python.facts(change.path, content)));
                }
                out.add(frontends.rows(FileHeader.of(change), evidence, Set.of()));
            }
        }
        return out;
    }

    private static long dataBytes(Path warehouse) throws Exception {
        try (Stream<Path> files = Files.walk(warehouse)) {
            return files.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("_delta_log"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
