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
import java.util.List;
import java.util.Optional;

/**
 * The CPython layer's interpreter lookup, started by the launcher JVM as it starts the child that
 * runs the command, and handed to it in a file ({@link PythonLookup#HANDOFF_PROPERTY}). Behind pyenv's
 * {@code python3} the lookup is a chain of shell scripts, 0.3 CPU-s that the child ran while its
 * cluster started on both cores; here it runs while the child JVM starts on one, the other core
 * idle (the quick start: docs/speed.md, session 27). Any failure leaves the child to ask itself.
 */
record PythonLookupHandoff(Process process, Path output, Path answer) implements AutoCloseable {

    /** Starts the lookup when the command runs the CPython layer; nothing otherwise, or when it cannot start. */
    static Optional<PythonLookupHandoff> start(String[] args) {
        if (args.length == 0 || !(args[0].equals(IndexCommand.NAME) || args[0].equals(WatchCommand.NAME))) {
            return Optional.empty();
        }
        List<String> cpython = RawArgs.values(args, "cpython");
        if (!cpython.isEmpty() && cpython.get(cpython.size() - 1).equals("off")) {
            return Optional.empty();
        }
        List<String> pythons = RawArgs.values(args, "python");
        String command = pythons.isEmpty() ? LayerSettings.defaults().pythonExecutable : pythons.get(pythons.size() - 1);
        Path output = null;
        try {
            output = Files.createTempFile("codeanatomy-python-", ".out");
            Path answer = output.resolveSibling(output.getFileName() + ".answer");
            Process process = PythonLookup.process(command, null).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            Path written = output;
            process.onExit().thenRun(() -> publish(command, written, answer));
            return Optional.of(new PythonLookupHandoff(process, output, answer));
        } catch (IOException | RuntimeException e) {
            delete(output);
            return Optional.empty(); // the child looks it up itself
        }
    }

    /** The child's system property flag. */
    String flag() {
        return "-D" + PythonLookup.HANDOFF_PROPERTY + "=" + answer;
    }

    /** The answer file appears whole (written beside, then moved), so the child never reads half of it. */
    private static void publish(String command, Path output, Path answer) {
        try {
            String first = Files.readString(output, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            Path partial = partial(answer);
            Files.writeString(partial, PythonLookup.handoffText(command, first), StandardCharsets.UTF_8);
            Files.move(partial, answer, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // no answer file: the child stops waiting after its limit and asks itself
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        delete(output);
        delete(answer);
        delete(partial(answer));
    }

    /** Where the answer is written before it is moved into place. */
    private static Path partial(Path answer) {
        return answer.resolveSibling(answer.getFileName() + ".partial");
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a file in the temporary directory
            }
        }
    }
}
