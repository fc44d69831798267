package io.codeanatomy.extract.cpython;

import java.io.File;

/**
 * How the interpreter behind a python command is asked for, and how an answer is handed from the
 * process that asked to the JVM it starts ({@link PythonInterpreter#findInBackground}). Free of
 * logging, so that codeanatomy's launcher JVM can use it without configuring any.
 */
public final class PythonLookup {
    /**
     * The system property naming a file in which the process that started this JVM (in the same
     * working directory and environment) writes {@link #handoffText}, whole and once its lookup has
     * ended.
     */
    public static final String HANDOFF_PROPERTY = "codeanatomy.python.lookup";

    private PythonLookup() {
    }

    /** The process that prints the interpreter {@code command} runs ({@code sys.executable}), with its errors on its output. */
    public static ProcessBuilder process(String command, File workingDirectory) {
        return new ProcessBuilder(command, "-I", "-c", "import sys; print(sys.executable)")
                .directory(workingDirectory).redirectErrorStream(true);
    }

    /** {@code COMMAND\nANSWER\n}: the command looked up and the first line its process wrote (empty for none). */
    public static String handoffText(String command, String answer) {
        return command + "\n" + (answer == null ? "" : answer.strip()) + "\n";
    }
}
