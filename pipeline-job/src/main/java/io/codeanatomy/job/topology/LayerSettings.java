package io.codeanatomy.job.topology;

import java.io.Serializable;
import java.time.Duration;

/** Which evidence layers run and how long the align operator waits for them. */
public final class LayerSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Every named CST node becomes a SYNTAX node (the whole tree) rather than only the typed kinds. */
    public final boolean syntaxNodes;
    /** Whether the CPython layer runs (it degrades to per-file error rows when python3 is missing). */
    public final boolean cpython;
    public final String pythonExecutable;
    /** Per-file limit inside the CPython helper; a slower file restarts the helper. */
    public final Duration cpythonTimeout;
    /** How long the align operator waits for the layers of a file version before fusing without them. */
    public final Duration alignTimeout;

    public LayerSettings(boolean syntaxNodes, boolean cpython, String pythonExecutable, Duration cpythonTimeout,
                         Duration alignTimeout) {
        this.syntaxNodes = syntaxNodes;
        this.cpython = cpython;
        this.pythonExecutable = pythonExecutable;
        this.cpythonTimeout = cpythonTimeout;
        this.alignTimeout = alignTimeout;
    }

    public static LayerSettings defaults() {
        return new LayerSettings(true, true, "python3", Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public LayerSettings withCPython(boolean on) {
        return new LayerSettings(syntaxNodes, on, pythonExecutable, cpythonTimeout, alignTimeout);
    }

    public LayerSettings withSyntaxNodes(boolean on) {
        return new LayerSettings(on, cpython, pythonExecutable, cpythonTimeout, alignTimeout);
    }
}
