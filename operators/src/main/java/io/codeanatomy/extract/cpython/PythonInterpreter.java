package io.codeanatomy.extract.cpython;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The interpreter a python command runs, found once per JVM, command and working directory, so that
 * the CPython helpers start it directly instead of through a launcher. pyenv's {@code python3} is a
 * shell script that runs {@code pyenv exec}: 0.28 s of wall and 0.3 CPU-s per start here against 0.06 s
 * for the interpreter itself (docs/speed.md, session 25). The interpreter is what the command itself
 * reports as {@code sys.executable}, asked in the same working directory and environment the helper
 * starts in, so a launcher that picks a version per directory picks the same one.
 *
 * <p>Anything unexpected (no such command, no answer within {@link #ANSWER_WAIT_MILLIS} ms, an answer that is
 * not an executable file) leaves the command as given: the helper then starts it as before and
 * reports it if it cannot.
 */
public final class PythonInterpreter {
    private static final Logger LOG = LoggerFactory.getLogger(PythonInterpreter.class);
    /** How long an answer is waited for; pyenv's launcher takes about a third of a second here. */
    static final long ANSWER_WAIT_MILLIS = 5_000;
    private static final int MAX_ANSWER_BYTES = 4096;
    private static final Map<Key, CompletableFuture<String>> FOUND = new ConcurrentHashMap<>();

    private record Key(String command, File workingDirectory) {
    }

    private PythonInterpreter() {
    }

    /**
     * Starts finding the interpreter of {@code command} in this process's working directory on a
     * thread of its own, so that it is known when the first helper starts. Where the process that
     * started this one asked already ({@link PythonLookup#HANDOFF_PROPERTY}), its answer is taken.
     */
    public static void findInBackground(String command) {
        String handoff = System.getProperty(PythonLookup.HANDOFF_PROPERTY);
        if (handoff == null) {
            lookup(command, null);
        } else {
            FOUND.computeIfAbsent(new Key(command, null), key -> inBackground(() -> handedOff(command, Path.of(handoff), ANSWER_WAIT_MILLIS)));
        }
    }

    /**
     * The handed-off answer when it is about {@code command} and arrives within {@code waitMillis};
     * otherwise this process asks itself.
     */
    static String handedOff(String command, Path file, long waitMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            while (!Files.exists(file)) {
                if (System.nanoTime() > deadline) {
                    return find(command, null);
                }
                Thread.sleep(5);
            }
            java.util.List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            // Read once, at start: gone now, so that a launcher killed before its own clean-up leaves nothing.
            Files.deleteIfExists(file);
            if (lines.size() < 2 || !lines.get(0).equals(command)) {
                return find(command, null);
            }
            return usable(command, lines.get(1).strip());
        } catch (IOException e) {
            return find(command, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return command;
        }
    }

    /**
     * The executable a helper for {@code command} should start: the interpreter it runs when that is
     * known, waiting for a search under way (or starting one), else the command as given.
     */
    static String executable(String command, File workingDirectory) {
        try {
            return lookup(command, workingDirectory).get(ANSWER_WAIT_MILLIS + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return command;
        } catch (ExecutionException | TimeoutException e) {
            return command;
        }
    }

    private static CompletableFuture<String> lookup(String command, File workingDirectory) {
        return FOUND.computeIfAbsent(new Key(command, workingDirectory),
                key -> inBackground(() -> find(key.command(), key.workingDirectory())));
    }

    private static CompletableFuture<String> inBackground(java.util.function.Supplier<String> finding) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        Thread finder = new Thread(() -> answer.complete(finding.get()), "python-interpreter-lookup");
        finder.setDaemon(true);
        finder.start();
        return answer;
    }

    /** What {@code command} reports as its interpreter, or {@code command} when that is not usable. */
    static String find(String command, File workingDirectory) {
        Process process;
        try {
            process = PythonLookup.process(command, workingDirectory).start();
        } catch (IOException e) {
            return command; // the helper's own start says why
        }
        try {
            process.getOutputStream().close();
            return usable(command, firstLine(process));
        } catch (IOException e) {
            return command;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return command;
        } finally {
            process.destroyForcibly();
        }
    }

    /** {@code answer} when it names an executable file by its absolute path, else {@code command} (logged either way). */
    private static String usable(String command, String answer) {
        Path interpreter;
        try {
            interpreter = answer == null || answer.isEmpty() ? null : Path.of(answer);
        } catch (java.nio.file.InvalidPathException e) {
            interpreter = null;
        }
        if (interpreter == null || !interpreter.isAbsolute() || !Files.isRegularFile(interpreter)
                || !Files.isExecutable(interpreter)) {
            LOG.info("{} does not name its interpreter ({}); the CPython helpers start it as given", command,
                    answer == null || answer.isEmpty() ? "no answer" : "'" + answer + "'");
            return command;
        }
        if (!answer.equals(command)) {
            LOG.info("{} runs {}: the CPython helpers start that directly", command, answer);
        }
        return answer;
    }

    /**
     * The first line the process writes, or what it wrote before it ended; null when it wrote nothing
     * within {@link #ANSWER_WAIT_MILLIS}. Polled, so that a command that never ends, or never writes,
     * cannot hold the helper's start longer than that.
     */
    private static String firstLine(Process process) throws IOException, InterruptedException {
        InputStream out = process.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_WAIT_MILLIS);
        while (got.size() < MAX_ANSWER_BYTES) {
            int ready = out.available();
            if (ready > 0) {
                got.write(out.readNBytes(Math.min(ready, MAX_ANSWER_BYTES - got.size())));
                if (got.toString(StandardCharsets.UTF_8).indexOf('\n') >= 0) {
                    break;
                }
            } else if (!process.isAlive()) {
                got.write(out.readNBytes(Math.min(out.available(), MAX_ANSWER_BYTES - got.size())));
                break;
            } else if (System.nanoTime() > deadline) {
                break;
            } else {
                Thread.sleep(5);
            }
        }
        String text = got.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? null : text.lines().findFirst().orElse("").strip();
    }
}
