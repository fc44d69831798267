package io.codeanatomy.job.cli;

import io.codeanatomy.extract.cpython.PythonInterpreter;
import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.resolve.python.SearchRoots;

import java.util.List;

/** The evidence-layer options every command that runs the pipeline shares. */
public final class LayerOptions {
    public static final List<OptionSpec> SPECS = List.of(
            OptionSpec.value("cst", "full|typed", "full: every named CST node becomes a SYNTAX node (default); typed: only the typed kinds"),
            OptionSpec.value("cpython", "on|off", "run the CPython ast/symtable layer (default on; without python3 each file gets an error row)"),
            OptionSpec.value("python", "PATH", "python executable for the CPython layer (default python3)"),
            OptionSpec.value("cpython-timeout", "DURATION", "per-file limit for the CPython layer (default 10s)"),
            OptionSpec.value("align-timeout", "DURATION", "how long a file waits for all its evidence layers (default 60s)"),
            OptionSpec.repeated("python-root", "PATH", "a directory of the repository Python imports are also resolved from, "
                    + "after the root and a detected src/ (repeatable, in order)"));

    private LayerOptions() {
    }

    public static LayerSettings settings(ParsedOptions options) {
        LayerSettings d = LayerSettings.defaults();
        boolean syntaxNodes = options.convert("cst", d.syntaxNodes, v -> choice(v, "full", "typed"));
        boolean cpython = options.convert("cpython", d.cpython, v -> choice(v, "on", "off"));
        String python = options.get("python").orElse(d.pythonExecutable);
        java.time.Duration cpythonTimeout = options.convert("cpython-timeout", d.cpythonTimeout, Durations::parse);
        java.time.Duration alignTimeout = options.convert("align-timeout", d.alignTimeout, Durations::parse);
        List<String> roots = new java.util.ArrayList<>();
        for (String root : options.all("python-root")) {
            try {
                roots.add(SearchRoots.normalize(root));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--python-root: " + e.getMessage());
            }
        }
        return new LayerSettings(syntaxNodes, cpython, python, cpythonTimeout, alignTimeout, roots);
    }

    /**
     * What an embedded run of these layers starts before its job: finding the interpreter behind the
     * python command, so that the CPython helpers, in this process, start it without its launcher.
     */
    public static void prepareEmbedded(LayerSettings layers) {
        if (layers.cpython) {
            PythonInterpreter.findInBackground(layers.pythonExecutable);
        }
    }

    private static boolean choice(String value, String yes, String no) {
        if (value.equals(yes)) {
            return true;
        }
        if (value.equals(no)) {
            return false;
        }
        throw new IllegalArgumentException("must be " + yes + " or " + no);
    }
}
