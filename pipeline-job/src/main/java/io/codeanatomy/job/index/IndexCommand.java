package io.codeanatomy.job.index;

import io.codeanatomy.job.cli.Durations;
import io.codeanatomy.job.cli.EmbeddedEnvironment;
import io.codeanatomy.job.cli.FlinkConfOption;
import io.codeanatomy.job.cli.LayerOptions;
import io.codeanatomy.job.cli.OptionSpec;
import io.codeanatomy.job.cli.ParsedOptions;
import io.codeanatomy.job.cli.SelectionOptions;
import io.codeanatomy.job.cli.SourceSize;
import io.codeanatomy.job.cli.UsageException;
import io.codeanatomy.job.cli.WarehouseOption;
import io.codeanatomy.source.FileSelector;
import io.codeanatomy.source.git.GitRepositories;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;

/** `codeanatomy index`: parse and validate options, run the job embedded, print progress and a summary. */
public final class IndexCommand {
    public static final String NAME = "index";
    public static final List<OptionSpec> OPTIONS = OptionSpec.concat(List.of(
            OptionSpec.value("repo", "PATH", "git repository (work tree or bare) or plain directory to index (required)"),
            OptionSpec.value("warehouse", "URI", "where the Delta tables live: a directory (created if missing) or a file system URI,"
                    + " e.g. s3a://bucket/wh (required)"),
            OptionSpec.value("rev", "REV", "git revision to index (default HEAD); not allowed for a plain directory"),
            OptionSpec.value("repo-id", "ID", "repository id stored in every row (default: the directory name)"),
            OptionSpec.value("checkpoint-interval", "DURATION", "commit progress every interval, e.g. 30s (default: once, at the end,"
                    + " unless the Flink configuration sets execution.checkpointing.interval)")),
            SelectionOptions.SPECS, LayerOptions.SPECS, FlinkConfOption.SPECS, List.of(OptionSpec.flag("help", "show this help")));

    private IndexCommand() {
    }

    public static String usage() {
        return ParsedOptions.usage("codeanatomy index --repo PATH --warehouse URI [options]",
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
        IndexSettings settings = request(options);
        Configuration flinkConf = FlinkConfOption.load(options);
        LayerOptions.prepareEmbedded(settings.layers());
        IndexSummary summary;
        // The MiniCluster starts on a thread of its own as the environment is made, so it is made
        // before the repository is opened: JGit's first use (its classes, logging, the system git
        // config) is a quarter of a second of a small run's critical path (docs/speed.md, session 26).
        // A revision that does not resolve closes the cluster unused.
        try (StreamExecutionEnvironment env = EmbeddedEnvironment.create(flinkConf, settings.parallelism())) {
            requireRevision(settings);
            out.println("codeanatomy index " + settings.repoId() + " (" + settings.repoDir() + ") -> " + settings.warehouse());
            summary = IndexJob.run(env, settings, out);
        }
        out.println(summary);
        return 0;
    }

    /**
     * Without {@code --parallelism}: one task per operator for a small repository, where a second task
     * only repeats start-up work (the quick start 7.56 → 7.15 s median, 12.0 → 10.7 CPU-s in eight
     * interleaved rounds, docs/speed.md session 21); otherwise one per core. Rows are the same either way.
     */
    static int defaultParallelism(File repo) {
        try {
            if (SourceSize.isSmall(repo.toPath())) {
                return 1;
            }
        } catch (java.io.IOException unreadable) {
            // the job reports an unreadable repository; the size only tunes the run
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** The validated request; usage errors name the option. */
    public static IndexSettings settings(ParsedOptions options) {
        IndexSettings settings = request(options);
        requireRevision(settings);
        return settings;
    }

    /** The request with every option checked but the revision, which needs the repository opened. */
    static IndexSettings request(ParsedOptions options) {
        File repo = new File(options.required(NAME, "repo")).getAbsoluteFile();
        if (!repo.isDirectory()) {
            throw new UsageException("--repo " + repo + ": no such directory");
        }
        URI warehouse = WarehouseOption.create(options, NAME);
        String rev = options.get("rev").orElse(null);
        if (rev != null && !GitRepositories.isRepository(repo)) {
            throw new UsageException("--rev " + rev + ": " + repo + " is not a git repository");
        }
        String repoId = options.get("repo-id").orElse(repo.toPath().normalize().getFileName().toString());
        if (repoId.isBlank()) {
            throw new UsageException("--repo-id must not be empty");
        }
        int parallelism = SelectionOptions.parallelism(options, () -> defaultParallelism(repo));
        FileSelector selector = SelectionOptions.selector(options);
        java.time.Duration interval = options.convert("checkpoint-interval", null, Durations::parse);
        return new IndexSettings(repo, repoId, rev, warehouse, selector, parallelism, interval, LayerOptions.settings(options));
    }

    /** Fails with a usage error when the request's revision (HEAD without one) does not resolve in its git repository. */
    static void requireRevision(IndexSettings settings) {
        File repo = settings.repoDir();
        if (!GitRepositories.isRepository(repo)) {
            return;
        }
        try {
            GitRepositories.resolveCommit(repo, settings.rev() == null ? "HEAD" : settings.rev());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (java.io.IOException e) {
            throw new UsageException("--repo " + repo + ": cannot read the git repository: " + e.getMessage());
        }
    }
}
