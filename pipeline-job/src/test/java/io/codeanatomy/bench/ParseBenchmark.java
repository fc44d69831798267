package io.codeanatomy.bench;

import io.codeanatomy.extract.python.PythonCstExtractor;
import io.codeanatomy.job.cli.PeakMemory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Baselines for the index benchmark, measured on the same files in the same run: tree-sitter
 * parse only, and parse plus our query extraction, each over all files with N threads (one parser
 * per thread, files handed out in order). Prints {@code key=value} lines for bench/index-stdlib.sh.
 *
 * <p>Usage: {@code java -cp TEST_CLASS_PATH io.codeanatomy.bench.ParseBenchmark DIR THREADS} (bench/index-stdlib.sh)
 */
public final class ParseBenchmark {
    private ParseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        List<byte[]> files = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".py") && !f.toString().contains("/.git/")).sorted()::iterator) {
                byte[] b = Files.readAllBytes(p);
                files.add(b);
                bytes += b.length;
            }
        }
        run("warmup_parse", files, bytes, threads, ParseBenchmark::parseOnly); // JIT and native loading
        double parse = run("parse", files, bytes, threads, ParseBenchmark::parseOnly);
        double extract = run("extract", files, bytes, threads, ParseBenchmark::extract);
        System.out.printf(Locale.ROOT, "files=%d%nbytes=%d%nthreads=%d%nparse_mb_per_s=%.3f%nextract_mb_per_s=%.3f%n",
                files.size(), bytes, threads, parse, extract);
        PeakMemory.residentBytes().ifPresent(b -> System.out.println("peak_rss_bytes=" + b));
    }

    interface Work {
        void run(List<byte[]> files, AtomicInteger next) throws Exception;
    }

    private static double run(String name, List<byte[]> files, long bytes, int threads, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                work.run(files, next);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        double mbPerS = bytes / (1024.0 * 1024) / seconds;
        System.err.printf(Locale.ROOT, "%s: %.1f s, %.2f MB/s%n", name, seconds, mbPerS);
        return mbPerS;
    }

    private static void parseOnly(List<byte[]> files, AtomicInteger next) {
        try (PythonCstExtractor extractor = new PythonCstExtractor()) {
            for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                extractor.parseOnly(files.get(i));
            }
        }
    }

    private static void extract(List<byte[]> files, AtomicInteger next) {
        try (PythonCstExtractor extractor = new PythonCstExtractor()) {
            for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                extractor.extract(files.get(i));
            }
        }
    }
}
