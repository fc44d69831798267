package io.codeanatomy.job.index;

import io.codeanatomy.job.cli.Durations;
import io.codeanatomy.job.cli.OptionSpec;
import io.codeanatomy.job.cli.ParsedOptions;
import io.codeanatomy.job.cli.Sizes;
import io.codeanatomy.job.cli.UsageException;
import io.codeanatomy.job.topology.LayerSettings;
import io.codeanatomy.source.FileSelector;
import io.codeanatomy.source.GitRepositories;

import java.io.File;
import java.io.PrintStream;
import java.util.List;

/** `codeanatomy index`: parse and validate options, run the job, print progress and a summary. */
public final class IndexCommand {
    public static final String NAME = "index";
    static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.value("repo", "PATH", "git repository (work tree or bare) or plain directory to index (required)"),
            OptionSpec.value("warehouse", "DIR", "directory holding the Delta tables; created if missing (required)"),
            OptionSpec.value("rev", "REV", "git revision to index (default HEAD); not allowed for a plain directory"),
            OptionSpec.value("repo-id", "ID", "repository id stored in every row (default: the directory name)"),
            OptionSpec.repeated("include", "GLOB", "only index paths matching a glob, e.g. 'src/**' (repeatable)"),
            OptionSpec.repeated("exclude", "GLOB", "skip paths matching a glob, e.g. '**/tests/**' (repeatable)"),
            OptionSpec.value("max-file-size", "SIZE", "files larger than this are recorded, not parsed (default 10MB)"),
            OptionSpec.value("parallelism", "N", "parallel extraction and write tasks (default: number of cores)"),
            OptionSpec.value("checkpoint-interval", "DURATION", "commit progress every interval, e.g. 30s (default: once, at the end)"),
            OptionSpec.value("cst", "full|typed", "full: every named CST node becomes a SYNTAX node (default); typed: only the typed kinds"),
            OptionSpec.value("cpython", "on|off", "run the CPython ast/symtable layer (default on; without python3 each file gets an error row)"),
            OptionSpec.value("python", "PATH", "python executable for the CPython layer (default python3)"),
            OptionSpec.value("cpython-timeout", "DURATION", "per-file limit for the CPython layer (default 10s)"),
            OptionSpec.value("align-timeout", "DURATION", "how long a file waits for all its evidence layers (default 60s)"),
            OptionSpec.flag("help", "show this help"));

    private IndexCommand() {
    }

    public static String usage() {
        return ParsedOptions.usage("codeanatomy index --repo PATH --warehouse DIR [options]",
                "Indexes one snapshot of a repository (a git commit, or a plain directory honouring .gitignore)\n"
                        + "into the CPG Delta tables. Re-running replaces the rows; files gone from the snapshot are removed.",
                OPTIONS);
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        ParsedOptions options = ParsedOptions.parse(NAME, OPTIONS, args);
        if (options.has("help")) {
            out.print(usage());
            return 0;
        }
        IndexSettings settings = settings(options);
        out.println("codeanatomy index " + settings.repoId + " (" + settings.repoDir + ") -> " + settings.warehouse);
        IndexSummary summary = IndexJob.run(settings, out);
        out.println(summary);
        return 0;
    }

    static IndexSettings settings(ParsedOptions options) {
        File repo = new File(options.required(NAME, "repo")).getAbsoluteFile();
        if (!repo.isDirectory()) {
            throw new UsageException("--repo " + repo + ": no such directory");
        }
        File warehouse = new File(options.required(NAME, "warehouse")).getAbsoluteFile();
        if (warehouse.exists() && !warehouse.isDirectory()) {
            throw new UsageException("--warehouse " + warehouse + ": exists and is not a directory");
        }
        if (!warehouse.exists() && !warehouse.mkdirs()) {
            throw new UsageException("--warehouse " + warehouse + ": cannot create the directory");
        }
        String rev = options.get("rev").orElse(null);
        boolean git = GitRepositories.isRepository(repo);
        if (rev != null && !git) {
            throw new UsageException("--rev " + rev + ": " + repo + " is not a git repository");
        }
        if (git) {
            try {
                GitRepositories.resolveCommit(repo, rev == null ? "HEAD" : rev);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            } catch (java.io.IOException e) {
                throw new UsageException("--repo " + repo + ": cannot read the git repository: " + e.getMessage());
            }
        }
        String repoId = options.get("repo-id").orElse(repo.toPath().normalize().getFileName().toString());
        if (repoId.isBlank()) {
            throw new UsageException("--repo-id must not be empty");
        }
        long maxFileBytes = options.convert("max-file-size", FileSelector.DEFAULT_MAX_FILE_BYTES, Sizes::parseBytes);
        int parallelism = options.convert("parallelism", Runtime.getRuntime().availableProcessors(), v -> {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new IllegalArgumentException("must be at least 1");
            }
            return n;
        });
        FileSelector selector;
        try {
            selector = new FileSelector(options.all("include"), options.all("exclude"), maxFileBytes);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--include/--exclude: " + e.getMessage());
        }
        java.time.Duration interval = options.convert("checkpoint-interval", null, Durations::parse);
        return new IndexSettings(repo, repoId, rev, warehouse, selector, parallelism, interval, layers(options));
    }

    /** The evidence-layer options, shared by every command that runs the pipeline. */
    public static LayerSettings layers(ParsedOptions options) {
        LayerSettings d = LayerSettings.defaults();
        boolean syntaxNodes = options.convert("cst", d.syntaxNodes, v -> choice(v, "full", "typed"));
        boolean cpython = options.convert("cpython", d.cpython, v -> choice(v, "on", "off"));
        String python = options.get("python").orElse(d.pythonExecutable);
        java.time.Duration cpythonTimeout = options.convert("cpython-timeout", d.cpythonTimeout, Durations::parse);
        java.time.Duration alignTimeout = options.convert("align-timeout", d.alignTimeout, Durations::parse);
        return new LayerSettings(syntaxNodes, cpython, python, cpythonTimeout, alignTimeout);
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
