package io.codeanatomy.extract.cpython;

import io.codeanatomy.span.LineIndex;
import io.codeanatomy.span.PositionEncoding;
import io.codeanatomy.span.TextPosition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CPython helper against this machine's real python3 and standard library. */
class CPythonHelperTest {
    private static byte[] stdlibFile(String name) throws Exception {
        return Files.readAllBytes(InstalledPython.stdlib().resolve(name));
    }

    @Test
    void astPositionsBecomeExactByteSpansAndSymtableFlagsArrive() throws Exception {
        byte[] source = stdlibFile("textwrap.py");
        try (CPythonHelper helper = CPythonHelper.withDefaults()) {
            CPythonFacts facts = helper.facts("textwrap.py", source);
            assertEquals(CPythonFacts.Status.OK, facts.status, facts.message);
            LineIndex lines = LineIndex.of(source);
            int functions = 0;
            for (CPythonFacts.AstNode n : facts.ast) {
                if (n.type.equals("FunctionDef")) {
                    functions++;
                    long start = lines.toOffset(new TextPosition(n.line, n.column), PositionEncoding.CPYTHON_AST);
                    long end = lines.toOffset(new TextPosition(n.endLine, n.endColumn), PositionEncoding.CPYTHON_AST);
                    String text = new String(source, (int) start, (int) (end - start), StandardCharsets.UTF_8);
                    assertTrue(text.startsWith("def " + n.name + "("), text.substring(0, Math.min(40, text.length())));
                }
            }
            assertTrue(functions > 10);
            CPythonFacts.Scope dedent = facts.scopes.stream().filter(s -> s.name.equals("dedent")).findFirst().orElseThrow();
            assertEquals("FUNCTION", dedent.type);
            assertTrue(dedent.symbols.stream().anyMatch(s -> s.name.equals("text") && s.flags.contains("parameter")));
        }
    }

    @Test
    void syntaxErrorsAndDeclaredEncodingsAreAnswersNotFailures() {
        try (CPythonHelper helper = CPythonHelper.withDefaults()) {
            CPythonFacts bad = helper.facts("bad.py", "x = 1\ndef f(:\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(CPythonFacts.Status.SYNTAX_ERROR, bad.status);
            assertEquals(2, bad.errorLine);
            byte[] latin1 = "# -*- coding: latin-1 -*-\nname = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1);
            CPythonFacts ok = helper.facts("latin1.py", latin1);
            assertEquals(CPythonFacts.Status.OK, ok.status, ok.message);
            assertTrue(ok.ast.stream().anyMatch(n -> "name".equals(n.name) && "store".equals(n.context) && n.line == 2));
        }
    }

    /** Found by HostileInputFuzzTest: CPython 3.11 runs such a file, its facts were lost to a strict decode. */
    @Test
    void invalidUtf8InACommentThatCPythonAcceptsKeepsTheFacts() {
        try (CPythonHelper helper = CPythonHelper.withDefaults()) {
            byte[] source = {'x', ' ', '=', ' ', '1', ' ', '#', ' ', 'c', 'a', 'f', (byte) 0xff, '\n',
                'd', 'e', 'f', ' ', 'f', '(', 'a', ')', ':', ' ', 'r', 'e', 't', 'u', 'r', 'n', ' ', 'a', '\n'};
            CPythonFacts facts = helper.facts("comment.py", source);
            if (facts.status == CPythonFacts.Status.SYNTAX_ERROR) {
                return; // a newer CPython rejects the byte itself: nothing is lost then
            }
            assertEquals(CPythonFacts.Status.OK, facts.status, facts.message);
            assertTrue(facts.scopes.stream().anyMatch(s -> s.name.equals("f")), String.valueOf(facts.scopes));
        }
    }

    @Test
    void aTimeoutOrADeadProcessRestartsTheHelperAndTheNextFileWorks() throws Exception {
        byte[] big = stdlibFile("typing.py");
        try (CPythonHelper helper = new CPythonHelper("python3", Duration.ofMillis(1), 4)) {
            assertEquals(CPythonFacts.Status.TIMEOUT, helper.facts("typing.py", big).status);
        }
        try (CPythonHelper helper = CPythonHelper.withDefaults()) {
            assertEquals(CPythonFacts.Status.OK, helper.facts("a.py", "a = 1\n".getBytes(StandardCharsets.UTF_8)).status);
            ProcessHandle handle = ProcessHandle.of(helper.pid()).orElseThrow();
            handle.destroyForcibly();
            handle.onExit().join();
            CPythonFacts after = helper.facts("b.py", "b = 2\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(CPythonFacts.Status.OK, after.status, after.message);
            assertEquals(1, helper.restarts());
        }
    }

    @Test
    void manyFilesInFlightAllGetTheirOwnAnswer() throws Exception {
        try (CPythonHelper helper = new CPythonHelper("python3", Duration.ofSeconds(30), 3)) {
            List<CompletableFuture<CPythonFacts>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(helper.submit("f" + i + ".py", ("v" + i + " = " + i + "\n").getBytes(StandardCharsets.UTF_8)));
            }
            for (int i = 0; i < 20; i++) {
                CPythonFacts f = futures.get(i).get();
                String expected = "v" + i;
                assertTrue(f.ast.stream().anyMatch(n -> expected.equals(n.name)), "answer " + i + " is for its own file");
            }
        }
    }

    @Test
    void withoutPythonTheLayerSaysSoAndNothingThrows() {
        try (CPythonHelper helper = new CPythonHelper("/nonexistent/python3", Duration.ofSeconds(5), 4)) {
            CPythonFacts facts = helper.facts("a.py", "a = 1\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(CPythonFacts.Status.UNAVAILABLE, facts.status);
            assertTrue(facts.message.contains("/nonexistent/python3"), facts.message);
        }
    }

    /**
     * A module planted where the helper runs is not imported: the helper runs isolated (-I), so its
     * working directory is not on sys.path, and the script travels as an argument (-c), so there is
     * no script file whose directory could be. (Without -I this fails: the planted json.py runs.)
     */
    @Test
    void aModulePlantedInTheHelpersWorkingDirectoryIsNotImported(@TempDir Path shared) throws Exception {
        Path marker = shared.resolve("codeanatomy-planted-json-imported");
        Files.writeString(shared.resolve("json.py"), "open(" + pythonString(marker.toString()) + ", 'w').close()\n"
                + "raise ImportError('planted json.py imported')\n");
        try (CPythonHelper helper = new CPythonHelper("python3", Duration.ofSeconds(10), 4, shared.toFile())) {
            CPythonFacts facts = helper.facts("a.py", "a = {'k': 1}\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(CPythonFacts.Status.OK, facts.status, facts.message);
            assertTrue(!Files.exists(marker), "the planted json.py ran");
            assertEquals(shared, Files.readSymbolicLink(Path.of("/proc/" + helper.pid() + "/cwd")), "the helper runs there");
        }
    }

    /**
     * An interpreter that takes the request, then dies with a message on stderr (as CPython does on a
     * fatal error). The file fails with those last words; a second caller waiting for room (one file in
     * flight) is not deadlocked by the reader thread needing the helper to fail the first file.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a deadlock fails, not hangs, the build
    void aDyingHelperFailsItsFileWithItsStderrEvenWhileAnotherCallerWaitsForRoom(@TempDir Path dir) throws Exception {
        Path python = interpreter(dir, "read request\nsleep 1\necho 'Fatal Python error: the test interpreter gives up' >&2\nexit 3\n");
        try (CPythonHelper helper = new CPythonHelper(python.toString(), Duration.ofSeconds(60), 1)) {
            CompletableFuture<CPythonFacts> first = helper.submit("a.py", "a = 1\n".getBytes(StandardCharsets.UTF_8));
            CompletableFuture<CPythonFacts> second = CompletableFuture.supplyAsync(
                    () -> helper.facts("b.py", "b = 2\n".getBytes(StandardCharsets.UTF_8)));
            CPythonFacts failed = first.get(20, TimeUnit.SECONDS);
            assertEquals(CPythonFacts.Status.FAILED, failed.status);
            assertTrue(failed.message.contains("code 3") && failed.message.contains("Fatal Python error: the test interpreter gives up"),
                    failed.message);
            CPythonFacts next = second.get(20, TimeUnit.SECONDS); // answered by the restarted (equally dying) helper
            assertEquals(CPythonFacts.Status.FAILED, next.status, next.message);
            assertTrue(next.message.contains("Fatal Python error"), next.message);
        }
    }

    /**
     * A line that is not an answer fails the waiting file at once and names the line, and ends the
     * process that wrote it, so the next file does not wait for its timeout on a process nobody reads.
     */
    @Test
    void aMalformedAnswerFailsTheWaitingFileAtOnce(@TempDir Path dir) throws Exception {
        Path python = interpreter(dir, "read request\necho 'this is not json'\nexec sleep 60\n");
        try (CPythonHelper helper = new CPythonHelper(python.toString(), Duration.ofSeconds(30), 4)) {
            long start = System.nanoTime();
            CPythonFacts facts = helper.facts("a.py", "a = 1\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(CPythonFacts.Status.FAILED, facts.status, facts.message);
            assertTrue(facts.message.contains("malformed") && facts.message.contains("this is not json"), facts.message);
            // The process that wrote it is gone: the next file goes to a new one (which misbehaves the same way).
            CPythonFacts next = helper.facts("b.py", "b = 2\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(CPythonFacts.Status.FAILED, next.status, next.message);
            assertTrue(next.message.contains("this is not json"), next.message);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "both failed before the 30 s timeout");
        }
    }

    /** A stand-in for python3 (a shell script; the helper's arguments are ignored) to make the process misbehave. */
    private static Path interpreter(Path dir, String body) throws Exception {
        Path script = dir.resolve("python");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static String pythonString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
