package io.codeanatomy.bench;

import io.codeanatomy.extract.FileExtraction;
import io.codeanatomy.extract.cpython.CPythonFacts;
import io.codeanatomy.extract.cpython.CPythonHelper;
import io.codeanatomy.extract.python.PythonCstExtractor;
import io.codeanatomy.scope.python.PythonScopes;
import io.codeanatomy.scope.ScopeModel;
import io.codeanatomy.scope.python.SymtableAgreement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Accuracy of the scope layer against CPython's symtable: every {@code .py} file under the given
 * directories is analysed by {@link PythonScopes} and compared with the symtable of the same bytes
 * ({@link SymtableAgreement}). Files symtable rejects are counted and skipped. CPython works a few files
 * ahead of the Java side, so files/s is the throughput of the whole comparison. Prints {@code key=value}
 * lines, then the most frequent disagreement causes with examples.
 *
 * <p>Usage: {@code java -cp TEST_CLASS_PATH io.codeanatomy.bench.ScopeAccuracyBenchmark [--causes N]
 * [--examples N] DIR...}
 */
public final class ScopeAccuracyBenchmark {
    private static final int AHEAD = 8;

    private ScopeAccuracyBenchmark() {
    }

    private static final class Pending {
        final Path path;
        final byte[] source;
        final CompletableFuture<CPythonFacts> facts;

        Pending(Path path, byte[] source, CompletableFuture<CPythonFacts> facts) {
            this.path = path;
            this.source = source;
            this.facts = facts;
        }
    }

    public static void main(String[] args) throws Exception {
        int causes = 25;
        int examples = 3;
        List<Path> roots = new ArrayList<>();
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--causes":
                    causes = Integer.parseInt(args[++a]);
                    break;
                case "--examples":
                    examples = Integer.parseInt(args[++a]);
                    break;
                default:
                    roots.add(Path.of(args[a]));
            }
        }
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(f -> f.toString().endsWith(".py") && !f.toString().contains("/.git/") && Files.isRegularFile(f))
                        .sorted().forEach(files::add);
            }
        }
        SymtableAgreement agreement = new SymtableAgreement(examples);
        Map<CPythonFacts.Status, Integer> rejected = new EnumMap<>(CPythonFacts.Status.class);
        long[] analysisNanos = new long[1];
        long[] bytes = new long[1];
        int[] treeErrors = new int[1];
        long start = System.nanoTime();
        try (CPythonHelper helper = new CPythonHelper("python3", Duration.ofSeconds(60), AHEAD * 2);
             PythonCstExtractor extractor = new PythonCstExtractor()) {
            Deque<Pending> window = new ArrayDeque<>();
            for (Path f : files) {
                byte[] source = Files.readAllBytes(f);
                bytes[0] += source.length;
                window.add(new Pending(f, source, helper.submit(f.toString(), source)));
                if (window.size() >= AHEAD) {
                    compare(window.poll(), extractor, agreement, rejected, analysisNanos, treeErrors);
                }
            }
            while (!window.isEmpty()) {
                compare(window.poll(), extractor, agreement, rejected, analysisNanos, treeErrors);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int skipped = rejected.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(Locale.ROOT, "files_found=%d%nfiles_compared=%d%nfiles_skipped=%d %s%n", files.size(),
                agreement.files(), skipped, rejected);
        System.out.printf(Locale.ROOT, "compared_files_with_tree_sitter_errors=%d%nbytes=%d%n", treeErrors[0], bytes[0]);
        System.out.printf(Locale.ROOT, "seconds=%.1f%nfiles_per_s=%.0f%nscope_analysis_files_per_s=%.0f%n", seconds,
                files.size() / seconds, analysisNanos[0] == 0 ? 0.0 : agreement.files() / (analysisNanos[0] / 1e9));
        System.out.print(agreement.report(causes));
    }

    private static void compare(Pending p, PythonCstExtractor extractor, SymtableAgreement agreement,
                                Map<CPythonFacts.Status, Integer> rejected, long[] analysisNanos, int[] treeErrors)
            throws Exception {
        FileExtraction extraction = extractor.extract(p.source, false);
        ScopeModel model = null;
        if (extraction.tree != null) {
            long t0 = System.nanoTime();
            model = PythonScopes.analyze(extraction.tree);
            analysisNanos[0] += System.nanoTime() - t0;
        }
        CPythonFacts facts;
        try {
            facts = p.facts.get(120, TimeUnit.SECONDS);
        } catch (TimeoutException slow) {
            rejected.merge(CPythonFacts.Status.TIMEOUT, 1, Integer::sum);
            return;
        }
        if (facts.status != CPythonFacts.Status.OK || model == null) {
            rejected.merge(facts.status, 1, Integer::sum);
            return;
        }
        if (FileExtraction.SYNTAX_ERRORS.equals(extraction.parseStatus)) {
            treeErrors[0]++;
        }
        agreement.compare(p.path.toString(), p.source, model, facts.scopes);
    }
}
