package org.apache.flink.python.util;

import org.apache.commons.cli.CommandLine;
import org.apache.flink.configuration.Configuration;

/**
 * The one entry of flink-python the SQL client's embedded mode calls (by reflection, for its
 * {@code -pyfs}/{@code -pyreq}... options) even when no Python is used. flink-python is a 42 MB jar
 * we do not ship (no Python UDFs here), so this class answers for it: Python options are refused by
 * name, everything else yields no Python configuration.
 */
public final class PythonDependencyUtils {
    private PythonDependencyUtils() {
    }

    public static Configuration parsePythonDependencyConfiguration(CommandLine commandLine) {
        for (org.apache.commons.cli.Option o : commandLine.getOptions()) {
            if (o.getLongOpt() != null && o.getLongOpt().startsWith("py")) {
                throw new IllegalArgumentException("--" + o.getLongOpt() + ": Python UDFs are not supported by codeanatomy sql");
            }
        }
        return new Configuration();
    }
}
