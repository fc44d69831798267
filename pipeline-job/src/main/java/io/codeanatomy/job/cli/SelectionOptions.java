package io.codeanatomy.job.cli;

import io.codeanatomy.source.FileSelector;

import java.util.List;
import java.util.function.IntSupplier;

/** Which files are indexed, and how many tasks: options shared by `index` and `watch`. */
public final class SelectionOptions {
    public static final String PARALLELISM = "parallelism";
    public static final List<OptionSpec> SPECS = List.of(
            OptionSpec.repeated("include", "GLOB", "only index paths matching a glob, e.g. 'src/**' (repeatable)"),
            OptionSpec.repeated("exclude", "GLOB", "skip paths matching a glob, e.g. '**/tests/**' (repeatable)"),
            OptionSpec.value("max-file-size", "SIZE", "files larger than this are recorded, not parsed (default 10MB)"),
            OptionSpec.value(PARALLELISM, "N", "parallel extraction and write tasks (default: number of cores; for index, 1 below 2 MB of source;"
                    + " on a cluster, its parallelism.default)"));

    private SelectionOptions() {
    }

    public static FileSelector selector(ParsedOptions options) {
        long maxFileBytes = options.convert("max-file-size", FileSelector.DEFAULT_MAX_FILE_BYTES, Sizes::parseBytes);
        try {
            return new FileSelector(options.all("include"), options.all("exclude"), maxFileBytes);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--include/--exclude: " + e.getMessage());
        }
    }

    public static int parallelism(ParsedOptions options) {
        return parallelism(options, Runtime.getRuntime()::availableProcessors);
    }

    /** {@code --parallelism}, or what {@code fallback} gives without it (asked only then). */
    public static int parallelism(ParsedOptions options, IntSupplier fallback) {
        if (!options.has(PARALLELISM)) {
            return fallback.getAsInt();
        }
        return options.convert(PARALLELISM, 0, v -> {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new IllegalArgumentException("must be at least 1");
            }
            return n;
        });
    }
}
