package io.codeanatomy.job.cli;

import io.codeanatomy.extract.cpython.PythonLookup;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher asks for the CPython layer's interpreter and hands the answer to the child in a file. */
class PythonLookupHandoffTest {
    private static Path answerFile(PythonLookupHandoff lookup) {
        String flag = lookup.flag();
        String prefix = "-D" + PythonLookup.HANDOFF_PROPERTY + "=";
        assertTrue(flag.startsWith(prefix), flag);
        return Path.of(flag.substring(prefix.length()));
    }

    private static List<String> awaitAnswer(Path file) throws Exception {
        for (int i = 0; i < 1_000 && !Files.exists(file); i++) {
            Thread.sleep(10);
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void indexAndWatchGetTheInterpreterOfTheirPythonCommand() throws Exception {
        String expected = interpreter("python3");
        try (PythonLookupHandoff lookup = started(new String[] {"index", "--repo", "/tmp/r"})) {
            Path file = answerFile(lookup);
            assertEquals(List.of("python3", expected), awaitAnswer(file), "the default command, python3");
            try (var left = Files.list(file.getParent())) {
                String output = file.getFileName().toString().replaceFirst("\\.answer$", "");
                assertEquals(List.of(file.getFileName().toString()), left.map(p -> p.getFileName().toString())
                                .filter(n -> n.startsWith(output)).toList(),
                        "the lookup's output removed once the answer is out: only the answer waits for the child");
            }
            lookup.close();
            assertTrue(Files.notExists(file), "removed when the child has ended");
        }
        try (PythonLookupHandoff lookup = started(new String[] {"watch", "--python=" + expected})) {
            assertEquals(List.of(expected, expected), awaitAnswer(answerFile(lookup)), "--python names the command");
        }
    }

    private static PythonLookupHandoff started(String[] args) {
        PythonLookupHandoff lookup = PythonLookupHandoff.prepare(args).orElseThrow();
        lookup.start();
        return lookup;
    }

    @Test
    void nothingIsPreparedWithoutTheCPythonLayer() {
        assertEquals(Optional.empty(), PythonLookupHandoff.prepare(new String[] {"index", "--cpython", "off"}));
        assertEquals(Optional.empty(), PythonLookupHandoff.prepare(new String[] {"maintain", "--warehouse", "w"}));
        assertEquals(Optional.empty(), PythonLookupHandoff.prepare(new String[0]));
    }

    /** The child, already started with the flag, must not wait for an answer that will never come. */
    @Test
    void aCommandThatCannotStartHandsOverTheCommandAloneAtOnce() throws Exception {
        try (PythonLookupHandoff lookup = PythonLookupHandoff.prepare(new String[] {"index", "--python", "/no/such/python"}).orElseThrow()) {
            Path file = answerFile(lookup);
            lookup.start();
            assertTrue(Files.exists(file), "published before start() returns");
            assertEquals(List.of("/no/such/python"), Files.readAllLines(file, StandardCharsets.UTF_8),
                    "no interpreter line: the child asks itself");
        }
    }

    private static String interpreter(String python) throws Exception {
        Process p = new ProcessBuilder(python, "-I", "-c", "import sys; print(sys.executable)").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
