package io.codeanatomy.job.cli;

import io.codeanatomy.extract.cpython.PythonLookup;
import io.codeanatomy.job.index.IndexCommand;
import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.job.watch.WatchCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The CPython layer's interpreter lookup, run by the launcher JVM while the child that runs the
 * command starts, and handed to it in a file ({@link PythonLookup#HANDOFF_PROPERTY}). Behind pyenv's
 * {@code python3} the lookup is a chain of shell scripts, 0.3 CPU-s that the child ran while its
 * cluster started on both cores; here it runs while the child JVM starts on one, the other core
 * idle (the quick start: docs/speed.md, session 27). The launcher names the file ({@link #prepare}),
 * starts the child, and only then the lookup ({@link #start}): the child's start waits for nothing of
 * it. Any failure leaves the child to ask itself.
 */
final class PythonLookupHandoff implements AutoCloseable {
    private final String command;
    private final Path output;
    private final Path answer;
    private Process process;

    private PythonLookupHandoff(String command, Path output, Path answer) {
        this.command = command;
        this.output = output;
        this.answer = answer;
    }

    /** Names the answer file when the command runs the CPython layer; nothing otherwise, or when that fails. */
    static Optional<PythonLookupHandoff> prepare(String[] args) {
        if (args.length == 0 || !(args[0].equals(IndexCommand.NAME) || args[0].equals(WatchCommand.NAME))) {
            return Optional.empty();
        }
        List<String> cpython = RawArgs.values(args, "cpython");
        if (!cpython.isEmpty() && cpython.get(cpython.size() - 1).equals("off")) {
            return Optional.empty();
        }
        List<String> pythons = RawArgs.values(args, "python");
        String command = pythons.isEmpty() ? LayerSettings.defaults().pythonExecutable : pythons.get(pythons.size() - 1);
        try {
            Path output = Files.createTempFile("codeanatomy-python-", ".out");
            return Optional.of(new PythonLookupHandoff(command, output, output.resolveSibling(output.getFileName() + ".answer")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the child looks it up itself
        }
    }

    /** The child's system property flag. */
    String flag() {
        return "-D" + PythonLookup.HANDOFF_PROPERTY + "=" + answer;
    }

    /**
     * Starts the lookup. A lookup that cannot start hands over an answer without an interpreter at
     * once, so that the child, started with {@link #flag()}, asks itself instead of waiting.
     */
    void start() {
        try {
            process = PythonLookup.process(command, null).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            process.onExit().thenRun(() -> publish(() -> Files.readString(output, StandardCharsets.UTF_8).lines().findFirst().orElse("")));
        } catch (IOException | RuntimeException e) {
            publish(null);
        }
    }

    @FunctionalInterface
    private interface Answer {
        String read() throws IOException;
    }

    /**
     * The answer file appears whole (written beside, then moved), so the child never reads half of it;
     * with no first line ({@code null}) it names only the command, which tells the child to ask itself.
     */
    private void publish(Answer first) {
        try {
            String line = first == null ? null : first.read();
            String text = line == null ? command + "\n" : PythonLookup.handoffText(command, line);
            Path partial = partial(answer);
            Files.writeString(partial, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            delete(output); // read: from here on only the answer is left, until the child reads it (and removes it)
            Files.move(partial, answer, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            delete(output); // no answer file: the child stops waiting after its limit and asks itself
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
        delete(output);
        delete(answer);
        delete(partial(answer));
    }

    /** Where the answer is written before it is moved into place. */
    private static Path partial(Path answer) {
        return answer.resolveSibling(answer.getFileName() + ".partial");
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a file in the temporary directory
        }
    }
}
