package io.codeanatomy.extract.cpython;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CPython layer's helper process: a stdlib-only Python script, long-lived (one per task), spoken
 * to in JSON lines. At most {@code maxInFlight} files wait for answers; a file that takes longer than
 * the timeout, or a process that dies, gets the process restarted and the file reported, never a
 * crash. Without a working {@code python3} every file is reported UNAVAILABLE and the pipeline goes on.
 */
public final class CPythonHelper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CPythonHelper.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "cpython_facts.py";
    /** The script's text, run with {@code python3 -c}. */
    static final String SCRIPT_SOURCE = scriptSource();
    /** How much of the helper's stderr is kept for the message when it dies. */
    private static final int STDERR_TAIL_BYTES = 4096;

    private final String python;
    private final Duration timeout;
    private final Semaphore inFlight;
    private final Map<Long, CompletableFuture<CPythonFacts>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final File workingDirectory;
    private Process process;
    private OutputTail stderr;
    private BufferedWriter stdin;
    private String unavailable;
    private int restarts;

    public CPythonHelper(String python, Duration timeout, int maxInFlight) {
        this(python, timeout, maxInFlight, null);
    }

    /** With the helper's working directory given (null: this process's), so a test can plant modules there. */
    CPythonHelper(String python, Duration timeout, int maxInFlight, File workingDirectory) {
        this.python = python;
        this.timeout = timeout;
        this.inFlight = new Semaphore(maxInFlight);
        this.workingDirectory = workingDirectory;
    }

    public static CPythonHelper withDefaults() {
        return new CPythonHelper("python3", Duration.ofSeconds(10), 16);
    }

    /** Facts for one file; waits at most the timeout. */
    public CPythonFacts facts(String path, byte[] source) {
        CompletableFuture<CPythonFacts> future = submit(path, source);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            LOG.warn("CPython took longer than {} ms on {}; restarting the helper", timeout.toMillis(), path);
            restart();
            return CPythonFacts.failed(CPythonFacts.Status.TIMEOUT,
                    "CPython did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CPythonFacts.failed(CPythonFacts.Status.FAILED, "interrupted");
        } catch (ExecutionException e) {
            return CPythonFacts.failed(CPythonFacts.Status.FAILED, String.valueOf(e.getCause()));
        }
    }

    /**
     * Sends one file; blocks while {@code maxInFlight} files are already waiting. The wait is outside
     * the monitor: the reader thread needs it to fail the waiting files (and so free room) when the
     * process dies.
     */
    public CompletableFuture<CPythonFacts> submit(String path, byte[] source) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.completedFuture(CPythonFacts.failed(CPythonFacts.Status.FAILED, "interrupted"));
        }
        CompletableFuture<CPythonFacts> future = new CompletableFuture<>();
        future.whenComplete((f, e) -> inFlight.release());
        synchronized (this) {
            if (!ensureStarted()) {
                future.complete(CPythonFacts.failed(CPythonFacts.Status.UNAVAILABLE, unavailable));
                return future;
            }
            long id = ids.incrementAndGet();
            pending.put(id, future);
            try {
                ObjectNode request = JSON.createObjectNode();
                request.put("id", id);
                request.put("path", path);
                request.put("source", Base64.getEncoder().encodeToString(source));
                stdin.write(JSON.writeValueAsString(request));
                stdin.write('\n');
                stdin.flush();
            } catch (IOException e) {
                pending.remove(id);
                future.complete(CPythonFacts.failed(CPythonFacts.Status.FAILED, "helper pipe broke: " + e.getMessage()));
                restart();
            }
        }
        return future;
    }

    /**
     * Starts the process now rather than with the first file, so that Python's start overlaps the task's
     * other start-up work (a launcher such as pyenv's shim is seen through once: {@link PythonInterpreter}). False when
     * {@code python3} cannot be started; the files are then reported UNAVAILABLE as they come.
     */
    public synchronized boolean start() {
        return ensureStarted();
    }

    /** The helper's process id, for operators (and for tests that kill it). */
    public synchronized long pid() {
        return ensureStarted() ? process.pid() : -1;
    }

    public synchronized int restarts() {
        return restarts;
    }

    private boolean ensureStarted() {
        if (unavailable != null) {
            return false;
        }
        if (process != null && process.isAlive()) {
            return true;
        }
        if (process != null) {
            restarts++;
            died(exited(process, stderr, "the CPython helper exited"));
        }
        try {
            // -I: isolated mode. Neither the working directory nor the user's site-packages is on
            // sys.path and PYTHON* variables are ignored: nothing another user can write shadows a
            // standard module. -S: no site module either: the script needs the standard library only, and
            // site-packages' .pth files run code at every start (one here imported certifi: 42 of the
            // helper's 74 ms to start). -c: the script travels as an argument, so no file exists that
            // could be swapped, or be left behind in the temporary directory when the task is killed.
            process = new ProcessBuilder(PythonInterpreter.executable(python, workingDirectory), "-I", "-S", "-u", "-c", SCRIPT_SOURCE)
                    .directory(workingDirectory).start();
            stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            stderr = OutputTail.of(process.getErrorStream(), STDERR_TAIL_BYTES, "cpython-helper-stderr");
            Process started = process;
            OutputTail startedStderr = stderr;
            Thread reader = new Thread(() -> readAnswers(started, startedStderr), "cpython-helper-reader");
            reader.setDaemon(true);
            reader.start();
            return true;
        } catch (IOException e) {
            unavailable = "python3 could not be started as '" + python + "': " + e.getMessage();
            LOG.warn("CPython layer unavailable: {}; continuing with the other layers", unavailable);
            return false;
        }
    }

    /**
     * Completes the waiting files with their answers. A line that is not an answer ends the process:
     * which file it belonged to is unknown, so every waiting file fails now instead of at its timeout.
     */
    private void readAnswers(Process from, OutputTail fromStderr) {
        String ended = "the CPython helper exited";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(from.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                long id;
                CPythonFacts facts;
                try {
                    CPythonAnswer answer = CPythonAnswer.parse(line);
                    id = answer.id();
                    facts = answer.facts();
                } catch (IOException | RuntimeException malformed) {
                    ended = "the CPython helper wrote a malformed line (" + malformed.getClass().getSimpleName() + "): "
                            + (line.length() <= 200 ? line : line.substring(0, 200) + "...");
                    from.destroyForcibly();
                    break;
                }
                CompletableFuture<CPythonFacts> future = pending.remove(id);
                if (future != null) {
                    future.complete(facts);
                }
            }
        } catch (IOException e) {
            LOG.debug("CPython helper output ended: {}", e.toString());
        }
        String why = exited(from, fromStderr, ended);
        synchronized (this) {
            if (process == from) { // not a restart or close, which failed the waiting files themselves
                died(why);
                process = null;
                restarts++;
            }
        }
    }

    private void died(String why) {
        LOG.warn("{}; it is restarted for the next file", why);
        failPending(why);
    }

    /** Why a process ended: the given reason, its exit code and the tail of its stderr. */
    private static String exited(Process from, OutputTail fromStderr, String reason) {
        try {
            from.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fromStderr.awaitEnd(1000);
        String code = from.isAlive() ? "still running" : "code " + from.exitValue();
        String tail = fromStderr.text();
        return reason + " (" + code + ")" + (tail.isEmpty() ? "" : "; stderr ends: " + tail);
    }

    private void failPending(String why) {
        for (Long id : new ArrayList<>(pending.keySet())) {
            CompletableFuture<CPythonFacts> f = pending.remove(id);
            if (f != null) {
                f.complete(CPythonFacts.failed(CPythonFacts.Status.FAILED, why));
            }
        }
    }

    private synchronized void restart() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null; // the next file starts a new one; the reader of this one stays quiet
            restarts++;
        }
        failPending("the CPython helper was restarted");
    }

    private static String scriptSource() {
        try (InputStream in = CPythonHelper.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + SCRIPT + " from the jar", e);
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
            process = null;
        }
        failPending("the CPython helper was closed");
    }
}
