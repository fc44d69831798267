package io.codeanatomy.lang;

import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.evidence.ContentState;
import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.extract.CstEvidence;
import io.codeanatomy.extract.CstLayer;
import io.codeanatomy.extract.FileExtraction;
import io.codeanatomy.extract.cpython.CPythonFacts;
import io.codeanatomy.extract.cpython.CPythonFactsCodec;
import io.codeanatomy.extract.cpython.CPythonHelper;
import io.codeanatomy.extract.cpython.InstalledPython;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileChange;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fuzzing with real files: small modules of this machine's CPython standard library, mutated by a
 * seeded {@link Random} (byte flips, truncations, inserted quotes, brackets, NULs, invalid UTF-8, deep
 * nesting), go through the real layers as the job runs them: the CST layer (tree-sitter and our scope
 * analysis), the real python3 helper (ast and symtable), and the fusion that builds the rows. Each
 * mutant must end with one files row that is either parsed (with nodes) or explained by error rows,
 * nothing may throw, and each mutant runs under a generous time bound so a hang fails the test with
 * its seed instead of stalling the build.
 *
 * <p>A failure names the mutant's seed: {@code mutate(source, new Random(seed))} on the named file
 * rebuilds exactly that input (see {@link #replay}).
 */
public class HostileInputFuzzTest {
    private static final long BASE_SEED = 0x5eed_2026L;
    private static final int MUTANTS = 2_000;
    /** A hang detector, not a benchmark: generous because the machine is shared with other builds. */
    private static final long PER_FILE_SECONDS = 30;
    private static final Set<String> PARSED = Set.of(FileExtraction.OK, FileExtraction.SYNTAX_ERRORS);

    private static CPythonHelper python;
    private static CstLayer cst;
    private static ExecutorService worker;
    private static List<Path> corpus;

    @BeforeAll
    static void setUp() throws Exception {
        python = InstalledPython.helper();
        corpus = corpus();
        assumeTrue(corpus.size() >= 10, "the standard library's sources are not on this machine");
        // One thread owns the CST layer (tree-sitter parsers are not thread safe); a daemon, so a hung
        // mutant cannot keep the JVM alive after the test has failed on it.
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-worker");
            t.setDaemon(true);
            return t;
        });
        cst = worker.submit(() -> new CstLayer(true)).get();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (worker != null) {
            worker.submit(cst::close).get(PER_FILE_SECONDS, TimeUnit.SECONDS);
            worker.shutdownNow();
        }
        if (python != null) {
            python.close();
        }
    }

    /** Small modules (1-12 KB: many mutants per minute), in a fixed order so the seeds replay. */
    private static List<Path> corpus() throws Exception {
        try (Stream<Path> files = Files.list(InstalledPython.stdlib())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".py")).filter(f -> {
                try {
                    long size = Files.size(f);
                    return size >= 1_000 && size <= 12_000;
                } catch (IOException e) {
                    return false;
                }
            }).sorted().limit(40).toList();
        }
    }

    @Test
    void twoThousandMutantsOfRealFilesAreParsedOrExplainedWithoutCrashOrHang() throws Exception {
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Integer> cpython = new TreeMap<>();
        Map<String, Integer> cpythonFailures = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < MUTANTS; i++) {
            long seed = BASE_SEED + i;
            Path file = corpus.get(i % corpus.size());
            Random random = new Random(seed);
            List<String> mutations = new ArrayList<>();
            byte[] mutant = mutate(Files.readAllBytes(file), random, mutations);
            String name = "seed " + seed + " (" + file.getFileName() + ", " + String.join(" + ", mutations) + ")";
            Future<Outcome> run = worker.submit(() -> index(file.getFileName().toString(), mutant));
            Outcome outcome;
            try {
                outcome = run.get(PER_FILE_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException hang) {
                run.cancel(true);
                fail("no answer within " + PER_FILE_SECONDS + " s for mutant " + name + "; replay it with replay(\""
                        + file.getFileName() + "\", " + seed + "L)");
                return;
            } catch (ExecutionException thrown) {
                // Keep going: all the mutants that throw are listed at once, each with its seed.
                failures.add(name + " threw " + thrown.getCause());
                continue;
            }
            String problem = outcome.problem();
            if (problem != null) {
                failures.add(name + ": " + problem);
            }
            statuses.merge(outcome.status, 1, Integer::sum);
            cpython.merge(outcome.cpython.name(), 1, Integer::sum);
            if (outcome.cpython == CPythonFacts.Status.FAILED) {
                String why = String.valueOf(outcome.cpythonMessage);
                cpythonFailures.merge(why.substring(0, Math.min(50, why.length())), 1, Integer::sum);
            }
        }
        // The spread, in the test's output: what the mutants exercised on this machine's Python.
        System.out.println(MUTANTS + " mutants: parse_status " + statuses + ", CPython " + cpython
                + " (not parsed, not a syntax error: " + cpythonFailures + "), helper restarts " + python.restarts());
        assertEquals(List.of(), failures, failures.size() + " of " + MUTANTS + " mutants failed");
        // The mutations must reach the interesting paths, or the test proves little: some mutants parse
        // cleanly, some with syntax errors, some are binary (an early NUL), and CPython rejects some.
        assertTrue(statuses.getOrDefault(FileExtraction.SYNTAX_ERRORS, 0) > MUTANTS / 4, String.valueOf(statuses));
        assertTrue(statuses.getOrDefault(FileExtraction.OK, 0) > 0, String.valueOf(statuses));
        assertTrue(statuses.getOrDefault(FileExtraction.SKIPPED_BINARY, 0) > 0, String.valueOf(statuses));
        assertTrue(cpython.getOrDefault(CPythonFacts.Status.SYNTAX_ERROR.name(), 0) > MUTANTS / 4, String.valueOf(cpython));
        assertTrue(cpython.getOrDefault(CPythonFacts.Status.OK.name(), 0) > 0, String.valueOf(cpython));
    }

    /** What one mutant produced: its files row's status, node and error row counts. */
    private record Outcome(String status, int files, int nodes, int errors, CPythonFacts.Status cpython, String cpythonMessage,
                           List<String> caught) {
        String problem() {
            if (!caught.isEmpty()) {
                // The layers' safety nets turn an exception into an error row; here that is a bug found.
                return "an exception was caught inside a layer: " + caught;
            }
            if (files != 1) {
                return files + " files rows";
            }
            if (PARSED.contains(status)) {
                if (nodes == 0) {
                    return "parse_status " + status + " without nodes";
                }
                if (status.equals(FileExtraction.SYNTAX_ERRORS) && errors == 0) {
                    return "syntax_errors without an extract_errors row";
                }
                return null;
            }
            return errors == 0 ? "parse_status " + status + " without an extract_errors row explaining it" : null;
        }
    }

    /** The mutant through the layers the job would run on it, as the job runs them. */
    private static Outcome index(String path, byte[] content) {
        FileChange change = FileChange.add("fuzz", path, "c1", "python", content.length);
        change.content = content;
        change.blobId = "0".repeat(40);
        FileHeader header = FileHeader.of(change);
        Map<EvidenceLayer, byte[]> layers = new EnumMap<>(EvidenceLayer.class);
        CstEvidence evidence = cst.analyze(change);
        layers.put(EvidenceLayer.CST, evidence.encode());
        // The helper sees every mutant (a NUL or a broken encoding must not kill it), but the fusion
        // gets CPython's facts only where the job would send them: binary files never reach python3.
        CPythonFacts facts = python.facts(path, content);
        Set<EvidenceLayer> sent = LanguageFrontends.all().layers(header, EnumSet.of(EvidenceLayer.CST, EvidenceLayer.CPYTHON));
        if (sent.contains(EvidenceLayer.CPYTHON)) {
            layers.put(EvidenceLayer.CPYTHON, CPythonFactsCodec.encode(facts));
        }
        OwnedRows rows = FRONTENDS.rows(header, layers, Set.of());
        List<Object[]> files = rows.rows(CpgSchema.TABLES.position(CpgSchema.FILES));
        TableSpec f = CpgSchema.FILES_TABLE;
        String status = files.isEmpty() ? "(none)" : f.row(files.get(0)).string("parse_status");
        List<String> caught = new ArrayList<>();
        TableSpec e = CpgSchema.ERRORS_TABLE;
        for (Object[] r : rows.rows(CpgSchema.TABLES.position(CpgSchema.ERRORS))) {
            if (CAUGHT.contains(e.row(r).string("code"))) {
                caught.add(e.row(r).string("code") + ": " + e.row(r).string("message"));
            }
        }
        return new Outcome(status, files.size(), rows.rows(CpgSchema.TABLES.position(CpgSchema.NODES)).size(),
                rows.rows(CpgSchema.TABLES.position(CpgSchema.ERRORS)).size(), facts.status, facts.message, caught);
    }

    private static final LanguageFrontends FRONTENDS = LanguageFrontends.all();
    /** Error codes of CstLayer's catch blocks and of tree-sitter giving no tree: a crash, caught. */
    private static final Set<String> CAUGHT = Set.of("extractor_failed", "analysis_failed", "parser_failed");

    // ---- mutations ----

    private static final byte[][] QUOTES = bytes("'", "\"", "'''", "\"\"\"", "f'", "b\"", "r'\\", "f\"{", "\\");
    private static final byte[][] BRACKETS = bytes("(", ")", "[", "]", "{", "}", "((", "]]", "{[(", ")}]");
    /** Invalid UTF-8: stray bytes, a lone continuation, an overlong NUL, a truncated sequence, a surrogate. */
    private static final byte[][] INVALID_UTF8 = {{(byte) 0xff}, {(byte) 0xfe, (byte) 0xff}, {(byte) 0x80},
        {(byte) 0xc0, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xf0, (byte) 0x9f}};

    /** One to three mutations of the source, each described (kind, offset, size) in {@code log}. */
    public static byte[] mutate(byte[] source, Random random, List<String> log) {
        byte[] out = source;
        int count = 1 + random.nextInt(3);
        for (int m = 0; m < count; m++) {
            int at = out.length == 0 ? 0 : random.nextInt(out.length + 1);
            switch (random.nextInt(8)) {
                case 0 -> {
                    int flips = 1 + random.nextInt(8);
                    out = out.clone();
                    for (int k = 0; k < flips && out.length > 0; k++) {
                        out[random.nextInt(out.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                    log.add(flips + " byte flips");
                }
                case 1 -> {
                    out = java.util.Arrays.copyOf(out, at);
                    log.add("truncated at " + at);
                }
                case 2 -> {
                    int n = 1 + random.nextInt(5);
                    for (int k = 0; k < n; k++) {
                        out = insert(out, random.nextInt(out.length + 1), QUOTES[random.nextInt(QUOTES.length)]);
                    }
                    log.add(n + " quotes");
                }
                case 3 -> {
                    int n = 1 + random.nextInt(5);
                    for (int k = 0; k < n; k++) {
                        out = insert(out, random.nextInt(out.length + 1), BRACKETS[random.nextInt(BRACKETS.length)]);
                    }
                    log.add(n + " brackets");
                }
                case 4 -> {
                    // Anywhere: an early NUL makes the file binary, a late one (past the probe) reaches the parsers.
                    int n = 1 + random.nextInt(3);
                    out = insert(out, at, new byte[n]);
                    log.add(n + " NULs at " + at);
                }
                case 5 -> {
                    byte[] bad = INVALID_UTF8[random.nextInt(INVALID_UTF8.length)];
                    out = insert(out, at, bad);
                    log.add("invalid UTF-8 at " + at);
                }
                case 6 -> {
                    // Deeper than CPython's parser accepts (200 parentheses), balanced or not.
                    int depth = 500;
                    String open = "([{".substring(random.nextInt(3)).substring(0, 1);
                    String close = open.equals("(") ? ")" : open.equals("[") ? "]" : "}";
                    boolean balanced = random.nextBoolean();
                    String text = "\nx = " + open.repeat(depth) + "1" + (balanced ? close.repeat(depth) : "") + "\n";
                    out = insert(out, lineStart(out, at), text.getBytes(StandardCharsets.UTF_8));
                    log.add(depth + "-deep " + open + (balanced ? "" : " unclosed") + " at " + at);
                }
                default -> {
                    // Deeper than CPython's tokenizer accepts (100 indentation levels).
                    int depth = 200;
                    ByteArrayOutputStream block = new ByteArrayOutputStream();
                    for (int d = 0; d < depth; d++) {
                        block.writeBytes((" ".repeat(d) + "if x:\n").getBytes(StandardCharsets.UTF_8));
                    }
                    block.writeBytes((" ".repeat(depth) + "pass\n").getBytes(StandardCharsets.UTF_8));
                    out = insert(out, lineStart(out, at), block.toByteArray());
                    log.add(depth + "-deep indentation at " + at);
                }
            }
        }
        return out;
    }

    /** Rebuilds one mutant from a failure message, for a debugger or a file to keep. */
    static byte[] replay(String stdlibFile, long seed) throws Exception {
        Path file = corpus().stream().filter(f -> f.getFileName().toString().equals(stdlibFile)).findFirst().orElseThrow();
        return mutate(Files.readAllBytes(file), new Random(seed), new ArrayList<>());
    }

    private static int lineStart(byte[] b, int at) {
        int i = Math.min(at, b.length);
        while (i > 0 && b[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    private static byte[] insert(byte[] into, int at, byte[] what) {
        byte[] out = new byte[into.length + what.length];
        System.arraycopy(into, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(into, at, out, at + what.length, into.length - at);
        return out;
    }

    private static byte[][] bytes(String... s) {
        byte[][] out = new byte[s.length][];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }
}
