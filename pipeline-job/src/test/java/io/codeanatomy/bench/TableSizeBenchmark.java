package io.codeanatomy.bench;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TableFiles;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileSelector;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Table bytes against source bytes: indexes a repository (all layers, full CST) into a fresh warehouse
 * and prints, per table, the bytes of the data files its current version references (read from the
 * Delta log) divided by the bytes of the source files indexed. The source bytes are the baseline, so
 * the ratio does not depend on the machine.
 *
 * <p>Usage: {@code TableSizeBenchmark REPO WAREHOUSE PARALLELISM [EXCLUDE_GLOB...]}; {@code bench/table-size.sh} runs it.
 */
public final class TableSizeBenchmark {
    private TableSizeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        Path warehouse = Path.of(args[1]);
        int parallelism = Integer.parseInt(args[2]);
        List<String> excludes = Arrays.asList(args).subList(3, args.length);
        FileSelector selector = new FileSelector(List.of(), excludes, FileSelector.DEFAULT_MAX_FILE_BYTES);
        long sourceBytes = 0;
        long sourceFiles = 0;
        try (Stream<Path> walk = Files.walk(repo)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String rel = repo.relativize(p).toString().replace(File.separatorChar, '/');
                if (!rel.startsWith(".git/") && selector.select(rel).isPresent()) {
                    sourceBytes += Files.size(p);
                    sourceFiles++;
                }
            }
        }
        long start = System.nanoTime();
        IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(), new IndexSettings(repo.toFile(), "stdlib", null,
                warehouse.toUri(), selector, parallelism, null, LayerSettings.defaults()), null);
        System.out.printf(Locale.ROOT, "indexed %d files, %.1f MB of source, in %.1f s%n", sourceFiles,
                sourceBytes / 1048576.0, (System.nanoTime() - start) / 1e9);
        Engine engine = EngineFactory.create();
        long total = 0;
        for (TableSpec spec : CpgSchema.TABLES.tables()) {
            TableFiles.Summary s = TableFiles.of(engine,
                    TableManager.loadSnapshot(TablePaths.tablePath(warehouse.toString(), spec.name())).build(engine));
            total += s.bytes();
            System.out.printf(Locale.ROOT, "RESULT table=%s files=%d MB=%.1f table_bytes/source_bytes=%.2f%n", spec.name(),
                    s.files(), s.bytes() / 1048576.0, (double) s.bytes() / sourceBytes);
            final long source = sourceBytes;
            TableFiles.bytesByColumn(engine, TableManager.loadSnapshot(TablePaths.tablePath(warehouse.toString(), spec.name()))
                    .build(engine)).forEach((column, bytes) -> System.out.printf(Locale.ROOT,
                    "  column %s.%s MB=%.2f x_source=%.2f%n", spec.name(), column, bytes / 1048576.0, (double) bytes / source));
        }
        System.out.printf(Locale.ROOT, "RESULT total source_files=%d source_MB=%.1f table_MB=%.1f table_bytes/source_bytes=%.2f%n",
                sourceFiles, sourceBytes / 1048576.0, total / 1048576.0, (double) total / sourceBytes);
    }
}
