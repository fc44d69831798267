package io.codeanatomy.bench;

import io.codeanatomy.align.python.PythonEvidenceFusion;
import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.ParquetStager;
import io.codeanatomy.delta.kernel.KeySort;
import io.codeanatomy.delta.kernel.RowKeys;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.OwnedRowsSerializer;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.extract.CstLayer;
import io.codeanatomy.extract.cpython.CPythonFacts;
import io.codeanatomy.extract.cpython.CPythonFactsCodec;
import io.codeanatomy.extract.cpython.CPythonHelper;
import io.codeanatomy.extract.python.PythonCstExtractor;
import io.codeanatomy.extract.treesitter.NativeTreeSitter;
import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileChange;

import io.delta.kernel.engine.Engine;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * CPU-seconds per stage of the per-file work, each stage run over the whole corpus in this one
 * thread (so each figure is that stage's cost alone, on the same files): read (git blobs), parse
 * (fast native path and stock bindings), tree copy + typed extraction, scopes + evidence encoding,
 * the CPython helper (this thread plus the helper process), align/fusion + row building, the rows'
 * trip through the network serializer (and, for reference, through its version 1 encoding,
 * {@link VersionOneRows}; their bytes are printed too), validation + sorting, and Parquet writing through Delta
 * Kernel. Two passes: the first pays class loading and the JIT as a one-shot index does, the second
 * is steady state. Prints a table and {@code STAGE name pass cpu_s} lines.
 *
 * <p>Usage: {@code java -cp TEST_CLASS_PATH io.codeanatomy.bench.StageCostBenchmark GIT_REPO WORK_DIR} (bench/index-speed.sh)
 */
public final class StageCostBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StageCostBenchmark() {
    }

    private record Source(String path, String blobId, byte[] content) {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        Path work = Path.of(args[1]);
        Map<String, double[]> stages = new LinkedHashMap<>();
        for (int pass = 0; pass < 2; pass++) {
            Path warehouse = Files.createDirectories(work.resolve("stage-wh-" + pass));
            run(repo, warehouse, pass, stages);
        }
        System.out.printf(Locale.ROOT, "%-42s %10s %10s%n", "stage (one thread, whole corpus)", "cold s", "warm s");
        double[] total = new double[2];
        stages.forEach((name, s) -> {
            System.out.printf(Locale.ROOT, "%-42s %10.2f %10.2f%n", name, s[0], s[1]);
            if (!name.startsWith("(")) {
                total[0] += s[0];
                total[1] += s[1];
            }
        });
        System.out.printf(Locale.ROOT, "%-42s %10.2f %10.2f%n", "total (stages not in parentheses)", total[0], total[1]);
        stages.forEach((name, s) -> System.out.printf(Locale.ROOT, "STAGE %s cold=%.3f warm=%.3f%n", name.replace(' ', '_'), s[0], s[1]));
    }

    private static void run(Path repoDir, Path warehouse, int pass, Map<String, double[]> stages) throws Exception {
        long t = cpu();
        List<Source> sources = read(repoDir);
        record(stages, "read (git blobs)", pass, t);

        NativeTreeSitter fast = NativeTreeSitter.loaded().orElse(null);
        String parseStage = fast != null ? "parse (fast native path)" : "(parse, stock bindings, for reference)";
        if (fast != null) {
            t = cpu();
            for (Source s : sources) {
                fast.parsePython(s.content);
            }
            record(stages, parseStage, pass, t);
        }
        double extract;
        try (PythonCstExtractor extractor = new PythonCstExtractor()) {
            t = cpu();
            for (Source s : sources) {
                extractor.parseOnly(s.content);
            }
            record(stages, "(parse, stock bindings, for reference)", pass, t);
            t = cpu();
            for (Source s : sources) {
                extractor.extract(s.content); // the path the job takes: fast where loaded
            }
            extract = seconds(t);
        }
        double parse = stages.get(parseStage)[pass];
        stages.computeIfAbsent("tree copy + typed extraction", k -> new double[2])[pass] = extract - parse;

        List<FileChange> changes = new ArrayList<>();
        for (Source s : sources) {
            changes.add(PerFileWork.change("bench", s.path, "c1", s.content));
        }
        List<byte[]> cst = new ArrayList<>();
        try (CstLayer layer = new CstLayer(LayerSettings.defaults().syntaxNodes)) {
            t = cpu();
            for (FileChange c : changes) {
                cst.add(layer.evidence(c).payload);
            }
            stages.computeIfAbsent("scopes + evidence encoding", k -> new double[2])[pass] = seconds(t) - extract;
        }

        List<byte[]> cpython = new ArrayList<>();
        try (CPythonHelper helper = new CPythonHelper(LayerSettings.defaults().pythonExecutable, Duration.ofSeconds(60), 1)) {
            helper.facts("warm.py", "x = 1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            t = cpu();
            long child = childCpuNanos();
            for (FileChange c : changes) {
                CPythonFacts facts = helper.facts(c.path, c.content);
                cpython.add(CPythonFactsCodec.encode(facts));
            }
            record(stages, "CPython helper (JVM side)", pass, t);
            stages.computeIfAbsent("CPython helper (python3 processes)", k -> new double[2])[pass] = (childCpuNanos() - child) / 1e9;
        }

        PythonEvidenceFusion fusion = new PythonEvidenceFusion();
        List<OwnedRows> rows = new ArrayList<>();
        t = cpu();
        for (int i = 0; i < changes.size(); i++) {
            Map<EvidenceLayer, byte[]> layers = new EnumMap<>(EvidenceLayer.class);
            layers.put(EvidenceLayer.CST, cst.get(i));
            layers.put(EvidenceLayer.CPYTHON, cpython.get(i));
            rows.add(fusion.fuse(FileHeader.of(changes.get(i)), layers, Set.of()));
        }
        record(stages, "align/fusion + row building", pass, t);

        OwnedRowsSerializer serializer = new OwnedRowsSerializer(CpgSchema.TABLES);
        // Both encodings' rows are kept until the stage ends, so both stages pay the same collector work.
        t = cpu();
        long versionOneBytes = roundTrip(rows, VersionOneRows::serialize, serializer, new ArrayList<>());
        record(stages, "(the same, version 1 encoding)", pass, t);
        List<OwnedRows> received = new ArrayList<>();
        t = cpu();
        long bytes = roundTrip(rows, serializer::serialize, serializer, received);
        record(stages, "rows through the network serializer", pass, t);
        if (pass == 0) {
            System.out.printf(Locale.ROOT, "records: %d bytes (version 1 encoding: %d, %.2fx)%n", bytes, versionOneBytes, (double) bytes / versionOneBytes);
        }

        t = cpu();
        Map<TableSpec, List<Object[]>> byTable = new LinkedHashMap<>();
        for (TableSpec spec : CpgSchema.TABLES.tables()) {
            int position = CpgSchema.TABLES.position(spec.name());
            List<Object[]> all = new ArrayList<>();
            RowKeys keys = new RowKeys();
            for (OwnedRows r : received) {
                for (Object[] row : r.rows(position)) {
                    spec.validate(row);
                    all.add(row);
                    keys.append(spec, row); // once per row, as the writer's buffer does
                }
            }
            // As the writer's buffer sorts (TableBuffer): owners once, then each owner's rows by key.
            TreeMap<Owner, List<Integer>> byOwner = new TreeMap<>();
            for (int i = 0; i < all.size(); i++) {
                Object[] row = all.get(i);
                byOwner.computeIfAbsent(new Owner((String) row[spec.repoIndex()], (String) row[spec.pathIndex()]),
                        o -> new ArrayList<>()).add(i);
            }
            KeySort keySort = new KeySort();
            List<Object[]> sorted = new ArrayList<>(all.size());
            for (List<Integer> owned : byOwner.values()) {
                int[] order = owned.stream().mapToInt(Integer::intValue).toArray();
                keySort.sort(order, order.length, keys);
                for (int i : order) {
                    sorted.add(all.get(i));
                }
            }
            byTable.put(spec, sorted);
        }
        record(stages, "validation + sorting", pass, t);

        Engine engine = EngineFactory.create();
        t = cpu();
        long written = 0;
        for (Map.Entry<TableSpec, List<Object[]>> e : byTable.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            written += new ParquetStager(engine, TablePaths.tablePath(warehouse.toString(), e.getKey().name()), e.getKey())
                    .stage(e.getValue()).size();
        }
        record(stages, "Parquet files (the sink's DataFileWriter)", pass, t);
        if (pass == 0) {
            long rowCount = byTable.values().stream().mapToLong(List::size).sum();
            System.out.printf(Locale.ROOT, "corpus: %d files, %d bytes; %d rows, %d Parquet files%n", sources.size(),
                    sources.stream().mapToLong(s -> s.content.length).sum(), rowCount, written);
        }
    }

    private interface Encoding {
        void write(OwnedRows record, DataOutputSerializer out) throws java.io.IOException;
    }

    /** Each record encoded, then decoded into {@code received}; returns the encoded bytes. */
    private static long roundTrip(List<OwnedRows> rows, Encoding encoding, OwnedRowsSerializer serializer,
                                  List<OwnedRows> received) throws java.io.IOException {
        DataOutputSerializer out = new DataOutputSerializer(1 << 20);
        long bytes = 0;
        for (OwnedRows r : rows) {
            out.clear();
            encoding.write(r, out);
            bytes += out.length();
            OwnedRows back = serializer.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
            for (int t = 0; t < back.tableCount(); t++) {
                back.rows(t); // decoded here, as before session 16 (the writer now copies most values undecoded)
            }
            received.add(back);
        }
        return bytes;
    }

    private static List<Source> read(Path dir) throws Exception {
        List<Source> out = new ArrayList<>();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build();
             ObjectReader reader = repo.newObjectReader();
             RevWalk walk = new RevWalk(reader);
             TreeWalk tree = new TreeWalk(reader)) {
            tree.addTree(walk.parseCommit(repo.resolve("HEAD")).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                if (tree.getPathString().endsWith(".py")) {
                    ObjectId blob = tree.getObjectId(0);
                    out.add(new Source(tree.getPathString(), blob.name(), reader.open(blob).getBytes()));
                }
            }
        }
        return out;
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static double seconds(long since) {
        return (cpu() - since) / 1e9;
    }

    private static void record(Map<String, double[]> stages, String name, int pass, long since) {
        stages.computeIfAbsent(name, k -> new double[2])[pass] = seconds(since);
    }

    /** CPU time of this JVM's child processes (the python3 helpers), from /proc. */
    private static long childCpuNanos() {
        return ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }
}
