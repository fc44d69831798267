package io.codeanatomy.job.cli;

import io.codeanatomy.delta.kernel.TablePaths;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --warehouse URI}: where the Delta tables live. A local directory (a plain path or a
 * {@code file:} URI) is created if missing; any other scheme needs its Hadoop file system on the
 * class path, and is checked only for that here (its tables are created when the job starts).
 */
public final class WarehouseOption {
    public static final String NAME = "warehouse";

    private WarehouseOption() {
    }

    /** The warehouse of a command that writes it: a local directory is created if missing. */
    public static URI create(ParsedOptions options, String command) {
        URI warehouse = parse(options, command);
        if (isLocal(warehouse)) {
            Path dir = Path.of(warehouse);
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new UsageException("--warehouse " + dir + ": exists and is not a directory");
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UsageException("--warehouse " + dir + ": cannot create the directory (" + e.getMessage() + ")");
            }
        }
        return warehouse;
    }

    /** The warehouse of a command that only reads and maintains it: a local one must exist. */
    public static URI existing(ParsedOptions options, String command) {
        URI warehouse = parse(options, command);
        if (isLocal(warehouse) && !Files.isDirectory(Path.of(warehouse))) {
            throw new UsageException("--warehouse " + Path.of(warehouse) + ": no such directory");
        }
        return warehouse;
    }

    private static URI parse(ParsedOptions options, String command) {
        String location = options.required(command, NAME);
        try {
            return TablePaths.warehouse(location);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--warehouse " + location + ": " + e.getMessage());
        }
    }

    private static boolean isLocal(URI warehouse) {
        return "file".equals(warehouse.getScheme());
    }
}
