package io.codeanatomy.k8s;

import io.codeanatomy.job.CommandProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One JVM of the cluster (JobManager, TaskManager, or the client), logging to its console as on Kubernetes. */
public final class FlinkProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    /**
     * One line for a failure message (CI shows little more than the first line of one): alive or not,
     * the last job state change this process logged, and its last warning or error with its cause.
     */
    public String summary() throws IOException {
        String lastState = "";
        String lastProblem = "";
        for (String line : log().split("\n")) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode event = JSON.readTree(line);
            String message = event.path("message").asText("");
            if (message.contains("switched from state") && message.startsWith("Job ")) {
                lastState = event.path("@timestamp").asText("") + " " + message;
            }
            String level = event.path("log.level").asText("");
            if (level.equals("WARN") || level.equals("ERROR")) {
                lastProblem = event.path("@timestamp").asText("") + " " + level + " " + message + " "
                        + event.path("error.message").asText("");
            }
        }
        return name + (isAlive() ? " (alive)" : " (ended)") + " last job state: [" + clip(lastState)
                + "] last warning: [" + clip(lastProblem) + "]";
    }

    private static String clip(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 400 ? one.substring(0, 400) + "..." : one;
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
