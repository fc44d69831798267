package io.codeanatomy.job;

import io.codeanatomy.job.cli.CodeAnatomyMain;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code codeanatomy} run as its own JVM, as a user starts it (the test's class path stands in for
 * the jar), so tests can send it real signals. Its console goes to {@link #output}, its log to
 * {@link #log}: files, because a pipe nobody drains would block the process.
 */
public final class CommandProcess implements AutoCloseable {
    public final Path output;
    public final Path log;
    private final Process process;

    private CommandProcess(Path output, Path log, Process process) {
        this.output = output;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code codeanatomy args...}; {@code name} names its output and log files under {@code dir}. */
    public static CommandProcess start(Path dir, String name, List<String> args) throws IOException {
        return start(dir, name, List.of(), args);
    }

    /** As {@link #start(Path, String, List)}, with these options for the JVM. */
    public static CommandProcess start(Path dir, String name, List<String> jvmOptions, List<String> args) throws IOException {
        Files.createDirectories(dir);
        Path output = dir.resolve(name + ".out");
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-Xmx")) {
                command.add(arg); // what Flink and Arrow need, as the jar's manifest gives them
            }
        }
        command.addAll(jvmOptions);
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-Djava.io.tmpdir="))) {
            // Its temporary files (Flink's directories, tree-sitter's natives) go with the test's directory, not /tmp.
            command.add("-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve(name + ".tmp")));
        }
        // The command's own logging configuration, not the tests' (which the class path would pick first).
        command.addAll(List.of("-Dlog4j2.configurationFile=log4j2.properties", "-Dcodeanatomy.log.file=" + log, "-cp", System.getProperty("java.class.path"),
                CodeAnatomyMain.class.getName()));
        command.addAll(args);
        return start(command, java.util.Map.of(), output, log);
    }

    /**
     * Starts any command with these environment variables added; its console goes to {@code output},
     * and {@code log} is where it logs (the same file when it logs to its console).
     */
    public static CommandProcess start(List<String> command, java.util.Map<String, String> environment, Path output, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return new CommandProcess(output, log, builder.start());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** The last 20,000 characters of the log, for failure messages. */
    public String logTail() throws IOException {
        String all = log();
        return all.length() > 20_000 ? all.substring(all.length() - 20_000) : all;
    }

    /** Waits for a console line containing {@code wanted}; fails with the output if the process ends first. */
    public void awaitOutput(String wanted, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (output().contains(wanted)) {
                return;
            }
            Thread.sleep(100);
        }
        if (!output().contains(wanted)) {
            throw new AssertionError("no line with '" + wanted + "' within " + within + ":\n" + output());
        }
    }

    /** SIGTERM, then the exit status once it has stopped (fails after {@code within}). */
    public int terminate(Duration within) throws Exception {
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running " + within + " after SIGTERM:\n" + output() + "\nlog:\n" + logTail());
        }
        return process.exitValue();
    }

    /** The exit status of a command that ends by itself (fails after {@code within}). */
    public int awaitExit(Duration within) throws Exception {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + within + ":\n" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no final commit; returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
