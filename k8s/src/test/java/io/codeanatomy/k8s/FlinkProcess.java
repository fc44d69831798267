package io.codeanatomy.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One JVM of the cluster (JobManager, TaskManager, or the client), its console in a file. */
public final class FlinkProcess implements AutoCloseable {
    public final String name;
    public final Path output;
    private final Process process;

    private FlinkProcess(String name, Path output, Process process) {
        this.name = name;
        this.output = output;
        this.process = process;
    }

    static FlinkProcess start(String name, List<String> command, Map<String, String> environment, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return new FlinkProcess(name, output, builder.start());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }

    /** The process's log: its console, as on Kubernetes (one JSON object a line). */
    public String log() throws IOException {
        return output();
    }

    /** The end of the log, for failure messages. */
    public String logTail() throws IOException {
        String all = log();
        return all.length() > 30_000 ? all.substring(all.length() - 30_000) : all;
    }

    /** The exit status of a process that ends by itself (the client, an application cluster). */
    public int awaitExit(Duration within) throws Exception {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + within + ":\n" + logTail());
        }
        return process.exitValue();
    }

    /** SIGKILL, as a lost node or an OOM kill: no shutdown hook runs. */
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
