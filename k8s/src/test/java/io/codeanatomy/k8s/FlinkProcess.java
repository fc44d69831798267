package io.codeanatomy.k8s;

import io.codeanatomy.job.CommandProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One JVM of the cluster (JobManager, TaskManager, or the client), logging to its console as on Kubernetes. */
public final class FlinkProcess implements AutoCloseable {
    public final String name;
    private final CommandProcess process;

    private FlinkProcess(String name, CommandProcess process) {
        this.name = name;
        this.process = process;
    }

    static FlinkProcess start(String name, List<String> command, Map<String, String> environment, Path output) throws IOException {
        return new FlinkProcess(name, CommandProcess.start(command, environment, output, output));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process's log: its console (one JSON object a line, with the manifests' logging). */
    public String log() throws IOException {
        return process.output();
    }

    /** The end of the log, for failure messages. */
    public String logTail() throws IOException {
        return process.logTail();
    }

    /** The exit status of a process that ends by itself (the client, an application cluster). */
    public int awaitExit(Duration within) throws Exception {
        return process.awaitExit(within);
    }

    /** SIGKILL, as a lost node or an OOM kill: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
