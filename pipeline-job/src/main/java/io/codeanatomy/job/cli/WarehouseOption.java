package io.codeanatomy.job.cli;

import java.io.File;

/** {@code --warehouse DIR}: where the Delta tables live; created if missing. */
public final class WarehouseOption {
    private WarehouseOption() {
    }

    public static File dir(ParsedOptions options, String command) {
        File warehouse = new File(options.required(command, "warehouse")).getAbsoluteFile();
        if (warehouse.exists() && !warehouse.isDirectory()) {
            throw new UsageException("--warehouse " + warehouse + ": exists and is not a directory");
        }
        if (!warehouse.exists() && !warehouse.mkdirs()) {
            throw new UsageException("--warehouse " + warehouse + ": cannot create the directory");
        }
        return warehouse;
    }
}
