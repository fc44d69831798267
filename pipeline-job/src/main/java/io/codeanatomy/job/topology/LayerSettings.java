package io.codeanatomy.job.topology;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/** Which evidence layers run, how long the align operator waits for them, and where the linker looks for modules. */
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
    /** Search roots the cross-file linker adds after the repository root and a detected {@code src/} (repository-relative). */
    public final List<String> pythonRoots;

    public LayerSettings(boolean syntaxNodes, boolean cpython, String pythonExecutable, Duration cpythonTimeout,
                         Duration alignTimeout) {
        this(syntaxNodes, cpython, pythonExecutable, cpythonTimeout, alignTimeout, List.of());
    }

    public LayerSettings(boolean syntaxNodes, boolean cpython, String pythonExecutable, Duration cpythonTimeout,
                         Duration alignTimeout, List<String> pythonRoots) {
        this.syntaxNodes = syntaxNodes;
        this.cpython = cpython;
        this.pythonExecutable = pythonExecutable;
        this.cpythonTimeout = cpythonTimeout;
        this.alignTimeout = alignTimeout;
        this.pythonRoots = List.copyOf(pythonRoots);
    }

    public static LayerSettings defaults() {
        return new LayerSettings(true, true, "python3", Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public LayerSettings withCPython(boolean on) {
        return new LayerSettings(syntaxNodes, on, pythonExecutable, cpythonTimeout, alignTimeout, pythonRoots);
    }

    public LayerSettings withSyntaxNodes(boolean on) {
        return new LayerSettings(on, cpython, pythonExecutable, cpythonTimeout, alignTimeout, pythonRoots);
    }

    public LayerSettings withPythonRoots(List<String> roots) {
        return new LayerSettings(syntaxNodes, cpython, pythonExecutable, cpythonTimeout, alignTimeout, roots);
    }
}
