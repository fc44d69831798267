package io.codeanatomy.delta.kernel;

import java.nio.file.Path;

/** Where a table of a warehouse lives: one directory per table under the warehouse root. */
public final class TablePaths {
    private TablePaths() {
    }

    public static String tablePath(String warehouse, String table) {
        return Path.of(warehouse).toAbsolutePath().normalize().resolve(table).toUri().toString();
    }

    public static boolean exists(String warehouse, String table) {
        return Path.of(warehouse).toAbsolutePath().normalize().resolve(table).resolve("_delta_log").toFile().isDirectory();
    }
}
