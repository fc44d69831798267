package io.codeanatomy.extract.python;

import io.codeanatomy.extract.FileExtraction;
import io.codeanatomy.extract.SyntaxTree;
import io.codeanatomy.extract.cpython.InstalledPython;
import io.codeanatomy.extract.treesitter.NativeTreeSitter;
import io.codeanatomy.lang.HostileInputFuzzTest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast native path against the stock bindings: the same tree, node for node (type, span,
 * parent, field, flags), on real and hostile files, from several threads at once, without leaking
 * native memory. Both paths run in this JVM: the stock one through {@code extractStock}.
 */
class FastTreeSitterPathTest {
    private static final String RESOURCE = NativeTreeSitter.libraryResource();

    @Test
    void theBuildsLibraryLoadsAndIsUsedWhereItWasBuilt() {
        boolean built = FastTreeSitterPathTest.class.getResource(RESOURCE) != null;
        // Where the build had no C compiler the stock bindings must take over; here, with one, the fast path must run.
        assertEquals(built, NativeTreeSitter.loaded().isPresent(), "library " + RESOURCE + " built: " + built);
        assertEquals(built, PythonCstExtractor.fastPath());
    }

    @Test
    void everyEighthStandardLibraryFileGivesTheSameTree() throws Exception {
        assertSameTrees(standardLibrary(8));
    }

    @Test
    @Tag("slow")
    void everyStandardLibraryFileGivesTheSameTree() throws Exception {
        assertSameTrees(standardLibrary(1));
    }

    @Test
    void hostileMutantsGiveTheSameTree() throws Exception {
        List<Path> files = standardLibrary(40);
        int checked = 0;
        try (PythonCstExtractor stock = new PythonCstExtractor()) {
            for (int i = 0; i < 200; i++) {
                Path file = files.get(i % files.size());
                List<String> log = new ArrayList<>();
                byte[] mutant = HostileInputFuzzTest.mutate(Files.readAllBytes(file), new Random(0xfa57L + i), log);
                assertSame(mutant, stock, file + " mutant " + i + " " + log);
                checked++;
            }
            // Deeper than any recursion would survive: the walk is iterative on both sides.
            byte[] deep = ("x = " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + "\n").getBytes(StandardCharsets.UTF_8);
            assertSame(deep, stock, "100,000-deep parentheses");
            byte[] invalid = {'x', ' ', '=', ' ', '"', (byte) 0xff, (byte) 0xfe, 0, '"', '\n', 'd', 'e', 'f'};
            assertSame(invalid, stock, "invalid UTF-8 and a NUL");
            assertSame(new byte[0], stock, "an empty file");
        }
        assertEquals(200, checked);
    }

    @Test
    void twoThreadsParsingAtOnceGetWhatOneThreadGets() throws Exception {
        List<Path> files = standardLibrary(10);
        List<String> alone = new ArrayList<>();
        for (Path f : files) {
            alone.add(describe(PythonCstExtractor.extractFast(Files.readAllBytes(f))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(pool.submit(() -> {
                    List<String> out = new ArrayList<>();
                    for (Path f : files) {
                        out.add(describe(PythonCstExtractor.extractFast(Files.readAllBytes(f))));
                    }
                    return out;
                }));
            }
            for (Future<List<String>> run : runs) {
                assertEquals(alone, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parsingAgainAndAgainDoesNotGrowNativeMemory() throws Exception {
        assumeFast();
        NativeTreeSitter library = NativeTreeSitter.loaded().orElseThrow();
        // The biggest standard-library file: a leaked tree would cost ~20x its size every pass.
        Path biggest = standardLibrary(1).stream().max(java.util.Comparator.comparingLong(FastTreeSitterPathTest::size)).orElseThrow();
        byte[] source = Files.readAllBytes(biggest);
        for (int i = 0; i < 20; i++) {
            library.parsePython(source);
        }
        long before = nativeKb();
        int passes = 100;
        for (int i = 0; i < passes; i++) {
            library.parsePython(source);
        }
        long grownMb = (nativeKb() - before) / 1024;
        long leakMb = (long) passes * source.length * 20 / (1024 * 1024);
        assertTrue(grownMb < leakMb / 4, "resident memory outside the JVM's pools grew " + grownMb + " MB over " + passes
                + " parses of " + biggest.getFileName() + " (" + source.length + " B); a leaked tree per parse would be ~" + leakMb + " MB");
    }

    /**
     * Resident memory minus what the JVM's memory pools (heap, metaspace, code cache) have committed:
     * the Java garbage of the parses grows the heap, which is not what this test looks for.
     */
    private static long nativeKb() throws IOException {
        System.gc();
        long committed = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            committed += pool.getUsage().getCommitted();
        }
        return residentKb() - committed / 1024;
    }

    private static void assumeFast() {
        org.junit.jupiter.api.Assumptions.assumeTrue(PythonCstExtractor.fastPath(), "no fast path in this build");
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertSameTrees(List<Path> files) throws Exception {
        assumeFast();
        long bytes = 0;
        try (PythonCstExtractor stock = new PythonCstExtractor()) {
            for (Path f : files) {
                byte[] source = Files.readAllBytes(f);
                assertSame(source, stock, f.toString());
                bytes += source.length;
            }
        }
        assertTrue(files.size() > 100 && bytes > 1_000_000, files.size() + " files, " + bytes + " bytes");
    }

    private static void assertSame(byte[] source, PythonCstExtractor stock, String what) {
        assumeFast();
        FileExtraction fast = PythonCstExtractor.extractFast(source);
        FileExtraction slow = stock.extractStock(source, true);
        assertEquals(slow.parseStatus, fast.parseStatus, what);
        SyntaxTree a = slow.tree;
        SyntaxTree b = fast.tree;
        assertEquals(a.size(), b.size(), what + ": node count");
        for (int i = 0; i < a.size(); i++) {
            String expected = node(a, i);
            String actual = node(b, i);
            if (!expected.equals(actual)) {
                assertEquals(expected, actual, what + ": node " + i);
            }
        }
        assertEquals(slow.nodes.size(), fast.nodes.size(), what + ": extracted nodes");
    }

    private static String describe(FileExtraction e) {
        StringBuilder out = new StringBuilder(e.parseStatus).append(' ').append(e.tree.size());
        for (int i = 0; i < e.tree.size(); i += 97) {
            out.append('|').append(node(e.tree, i));
        }
        return out.toString();
    }

    private static String node(SyntaxTree t, int i) {
        return t.type(i) + " " + t.start(i) + "-" + t.end(i) + " ^" + t.parent(i) + " ." + t.field(i)
                + (t.isNamed(i) ? " named" : "") + (t.isError(i) ? " error" : "") + (t.isMissing(i) ? " missing" : "");
    }

    /** Every {@code step}-th .py file of this machine's standard library (tests included), sorted. */
    private static List<Path> standardLibrary(int step) throws IOException {
        List<Path> all;
        try (Stream<Path> files = Files.walk(InstalledPython.stdlib())) {
            all = files.filter(f -> f.toString().endsWith(".py") && !f.toString().contains("site-packages"))
                    .filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += step) {
            out.add(all.get(i));
        }
        return out;
    }
}
