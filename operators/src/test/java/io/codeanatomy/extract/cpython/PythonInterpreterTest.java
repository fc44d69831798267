package io.codeanatomy.extract.cpython;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The interpreter behind a python command, with this machine's python3 behind a launcher script. */
class PythonInterpreterTest {
    @TempDir
    Path dir;

    @Test
    void aLauncherIsSeenThroughToTheInterpreterItRuns() throws Exception {
        Path launcher = script("launcher", "exec python3 \"$@\"\n");
        String found = PythonInterpreter.find(launcher.toString(), null);
        assertNotEquals(launcher.toString(), found);
        assertTrue(Path.of(found).isAbsolute() && Files.isExecutable(Path.of(found)), found);
        assertEquals(version("python3"), version(found), "the same interpreter as python3");
    }

    @Test
    void theHelpersStartTheInterpreterAndRunTheLauncherOnlyToAskForIt() throws Exception {
        Path launches = dir.resolve("launches");
        Path launcher = countedLauncher(launches);
        for (int helperStart = 0; helperStart < 2; helperStart++) {
            try (CPythonHelper helper = new CPythonHelper(launcher.toString(), Duration.ofSeconds(30), 1)) {
                CPythonFacts facts = helper.facts("a.py", "a = 1\n".getBytes(StandardCharsets.UTF_8));
                assertEquals(CPythonFacts.Status.OK, facts.status, facts.message);
            }
        }
        assertEquals(List.of("launched"), Files.readAllLines(launches), "the launcher ran once, for the question");
    }

    @Test
    void whatCannotBeAskedIsStartedAsGiven() throws Exception {
        String missing = dir.resolve("no-such-python").toString();
        assertEquals(missing, PythonInterpreter.find(missing, null));
        Path chatty = script("chatty", "echo 'Python, but not as you know it'\nexec sleep 60\n");
        long start = System.nanoTime();
        assertEquals(chatty.toString(), PythonInterpreter.find(chatty.toString(), null));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos(), "answered on its first line, not its exit");
        Path relative = script("relative", "echo bin/python3\n");
        assertEquals(relative.toString(), PythonInterpreter.find(relative.toString(), null));
        Path silent = script("silent", "exit 0\n");
        assertEquals(silent.toString(), PythonInterpreter.find(silent.toString(), null));
    }

    @Test
    void aHandedOffAnswerIsTakenWithoutAskingAgain() throws Exception {
        Path launches = dir.resolve("launches");
        Path launcher = countedLauncher(launches);
        String interpreter = PythonInterpreter.find("python3", null);
        Path answer = dir.resolve("answer");
        Thread parent = new Thread(() -> {
            try {
                Thread.sleep(100);
                Path partial = dir.resolve("answer.partial");
                Files.writeString(partial, PythonLookup.handoffText(launcher.toString(), interpreter));
                Files.move(partial, answer, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        parent.start();
        assertEquals(interpreter, PythonInterpreter.handedOff(launcher.toString(), answer, 5_000), "waited for the answer");
        parent.join();
        assertTrue(Files.notExists(launches), "the launcher did not run here");
        assertTrue(Files.notExists(answer), "read once and removed: a launcher killed before its clean-up leaves nothing");

        Files.writeString(answer, PythonLookup.handoffText(launcher.toString(), "bin/python3"));
        assertEquals(launcher.toString(), PythonInterpreter.handedOff(launcher.toString(), answer, 5_000),
                "an answer that is no interpreter: started as given");
        assertTrue(Files.notExists(launches));
    }

    @Test
    void aHandoffAboutAnotherCommandOrThatNeverComesIsAskedHere() throws Exception {
        Path launches = dir.resolve("launches");
        Path launcher = countedLauncher(launches);
        String interpreter = PythonInterpreter.find("python3", null);
        Path answer = dir.resolve("answer");
        Files.writeString(answer, PythonLookup.handoffText("python3.99", "/opt/python3.99"));
        assertEquals(interpreter, PythonInterpreter.handedOff(launcher.toString(), answer, 5_000));
        assertEquals(List.of("launched"), Files.readAllLines(launches));
        assertEquals(interpreter, PythonInterpreter.handedOff(launcher.toString(), dir.resolve("never"), 200));
        assertEquals(List.of("launched", "launched"), Files.readAllLines(launches));
        // The launcher's lookup could not start: it hands over the command alone, at once.
        Path alone = dir.resolve("alone");
        Files.writeString(alone, launcher + "\n");
        assertEquals(interpreter, PythonInterpreter.handedOff(launcher.toString(), alone, 5_000));
        assertEquals(List.of("launched", "launched", "launched"), Files.readAllLines(launches));
    }

    /** python3 behind a launcher that notes each of its runs in {@code launches}. */
    private Path countedLauncher(Path launches) throws Exception {
        return script("counted", "echo launched >> " + launches + "\nexec python3 \"$@\"\n");
    }

    private Path script(String name, String body) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static String version(String python) throws Exception {
        Process p = new ProcessBuilder(python, "-c", "import sys; print(sys.version)").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
