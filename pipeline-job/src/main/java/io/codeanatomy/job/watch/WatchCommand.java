package io.codeanatomy.job.watch;

import io.codeanatomy.job.cli.DirectoryTree;
import io.codeanatomy.job.cli.Durations;
import io.codeanatomy.job.cli.EmbeddedEnvironment;
import io.codeanatomy.job.sql.WatchSqlGateway;
import io.codeanatomy.job.cli.FlinkConfOption;
import io.codeanatomy.job.cli.LayerOptions;
import io.codeanatomy.job.cli.OptionSpec;
import io.codeanatomy.job.cli.ParsedOptions;
import io.codeanatomy.job.cli.SelectionOptions;
import io.codeanatomy.job.cli.UsageException;
import io.codeanatomy.job.cli.WarehouseOption;
import io.codeanatomy.source.git.GitRepositories;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.eclipse.jgit.lib.Repository;

import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * `codeanatomy watch`: indexes the current head of each repository, then every new commit, until
 * stopped; on stop (Ctrl-C / SIGTERM) the job takes a final savepoint, so everything seen so far is
 * committed before it exits. Each commit that becomes visible is logged with its latency. This
 * client-side loop is the embedded command's; on a cluster the job runs from
 * {@link io.codeanatomy.job.cluster.ClusterEntry} and the cluster stops it.
 */
public final class WatchCommand {
    public static final String NAME = "watch";
    public static final List<OptionSpec> OPTIONS = OptionSpec.concat(List.of(
            OptionSpec.repeated("repo", "PATH", "git repository to follow (repeatable; at least one)"),
            OptionSpec.value("warehouse", "URI", "where the Delta tables live: a directory (created if missing) or a file system URI,"
                    + " e.g. s3a://bucket/wh (required)"),
            OptionSpec.value("branch", "B", "branch to follow in every repository (default: each repository's current branch)"),
            OptionSpec.value("poll", "DURATION", "how often branch heads are read (default 1s)"),
            OptionSpec.value("checkpoint-interval", "DURATION", "how often indexed changes are committed (default 1s)"),
            OptionSpec.value("sql-gateway", "PORT", "also run a Flink SQL Gateway on 127.0.0.1:PORT with the catalog cpg of the warehouse"
                    + " (query it with `codeanatomy sql --gateway 127.0.0.1:PORT`)")),
            SelectionOptions.SPECS, LayerOptions.SPECS, FlinkConfOption.SPECS, List.of(OptionSpec.flag("help", "show this help")));
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(5);

    private WatchCommand() {
    }

    public static String usage() {
        return ParsedOptions.usage("codeanatomy watch --repo PATH [--repo PATH ...] --warehouse URI [options]",
                "Keeps the CPG tables equal to the head of each repository's branch: indexes the current head\n"
                        + "(from the commit the warehouse already holds, if any), then every new commit, until stopped.\n"
                        + "Ctrl-C stops after a final commit; a later run resumes where this one stopped.",
                OPTIONS);
    }

    /** Runs until the process is asked to stop (a shutdown hook completes the stop request). */
    public static int run(String[] args, PrintStream out) throws Exception {
        CompletableFuture<Void> stop = new CompletableFuture<>();
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.complete(null);
            stopped.join(); // keep the JVM alive until the final commit is done
        }, "codeanatomy-watch-stop"));
        try {
            return run(args, out, stop);
        } finally {
            stopped.complete(null);
        }
    }

    /** Runs until {@code stop} completes (tests complete it themselves), then stops after a final commit. */
    public static int run(String[] args, PrintStream out, CompletableFuture<Void> stop) throws Exception {
        ParsedOptions options = ParsedOptions.parse(NAME, OPTIONS, args);
        if (options.has("help")) {
            out.print(usage());
            return 0;
        }
        WatchSettings settings = settings(options);
        Configuration flinkConf = FlinkConfOption.load(options);
        int gatewayPort = options.convert("sql-gateway", -1, v -> {
            int p = Integer.parseInt(v);
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("must be a port number, 1 to 65535");
            }
            return p;
        });
        for (WatchedRepo r : settings.repos()) {
            out.println("codeanatomy watch " + r.repoId() + " (" + r.dir() + ", branch " + r.branch() + ") -> "
                    + settings.warehouse());
        }
        LayerOptions.prepareEmbedded(settings.layers());
        try (StreamExecutionEnvironment env = EmbeddedEnvironment.create(flinkConf, settings.parallelism());
             WatchSqlGateway gateway = gatewayPort < 0 ? null : WatchSqlGateway.start(settings.warehouse(), gatewayPort)) {
            if (gateway != null) {
                out.println("SQL Gateway on 127.0.0.1:" + gatewayPort + " (codeanatomy sql --gateway 127.0.0.1:" + gatewayPort + ")");
            }
            return watch(env, settings, flinkConf, out, stop);
        }
    }

    private static int watch(StreamExecutionEnvironment env, WatchSettings settings, Configuration flinkConf, PrintStream out,
                             CompletableFuture<Void> stop) throws Exception {
        JobClient job = WatchJob.start(env, settings);
        VisibleCommitReporter log = new VisibleCommitReporter(settings, out);
        while (!stop.isDone() && !job.getJobStatus().get().isTerminalState()) {
            log.poll();
            try {
                stop.get(200, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillWatching) {
                // keep logging
            }
        }
        if (job.getJobStatus().get().isTerminalState()) {
            job.getJobExecutionResult().get(); // rethrows why the job ended
            return 1;
        }
        out.println("stopping: taking a final savepoint so that everything indexed so far is committed ...");
        // The configured savepoint location (any Flink file system URI), else a private local directory:
        // the warehouse, not the savepoint, is what a later run resumes from.
        java.util.Optional<String> configured = flinkConf.getOptional(CheckpointingOptions.SAVEPOINT_DIRECTORY);
        Path own = configured.isPresent() ? null : Files.createTempDirectory("codeanatomy-watch-savepoint");
        try {
            FinalSavepoint.take(job, configured.orElseGet(() -> own.toUri().toString()), STOP_TIMEOUT);
        } finally {
            if (own != null) {
                DirectoryTree.delete(own); // it only made the sink commit; each stop left one behind
            }
        }
        log.poll();
        out.println("stopped; " + log.summary());
        return 0;
    }

    /** The validated request; usage errors name the option. */
    public static WatchSettings settings(ParsedOptions options) {
        List<String> paths = options.all("repo");
        if (paths.isEmpty()) {
            throw new UsageException("--repo is required (at least one git repository)");
        }
        String branch = options.get("branch").orElse(null);
        List<WatchedRepo> repos = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String p : paths) {
            File dir = new File(p).getAbsoluteFile();
            if (!dir.isDirectory() || !GitRepositories.isRepository(dir)) {
                throw new UsageException("--repo " + dir + ": not a git repository");
            }
            String id = dir.toPath().normalize().getFileName().toString();
            if (!ids.add(id)) {
                throw new UsageException("--repo " + dir + ": another watched repository has the same directory name '" + id
                        + "' (the name is the repository id in every row)");
            }
            repos.add(new WatchedRepo(dir, id, branchOf(dir, branch)));
        }
        URI warehouse = WarehouseOption.create(options, NAME);
        Duration poll = positive(options, "poll", WatchSettings.DEFAULT_POLL);
        Duration interval = positive(options, "checkpoint-interval", Duration.ofSeconds(1));
        return new WatchSettings(repos, warehouse, SelectionOptions.selector(options), SelectionOptions.parallelism(options),
                poll, interval, LayerOptions.settings(options));
    }

    /** The branch to follow: the one asked for (it must exist), or the repository's current branch. */
    private static String branchOf(File dir, String asked) {
        try (Repository repository = GitRepositories.open(dir)) {
            if (asked != null) {
                if (repository.resolve("refs/heads/" + asked) == null) {
                    throw new UsageException("--branch " + asked + ": no such branch in " + dir);
                }
                return asked;
            }
            String full = repository.getFullBranch();
            if (full == null || !full.startsWith("refs/heads/")) {
                throw new UsageException("--repo " + dir + ": HEAD is detached; name the branch to follow with --branch");
            }
            return full.substring("refs/heads/".length());
        } catch (java.io.IOException e) {
            throw new UsageException("--repo " + dir + ": cannot read the git repository: " + e.getMessage());
        }
    }

    private static Duration positive(ParsedOptions options, String name, Duration fallback) {
        return options.convert(name, fallback, v -> {
            Duration d = Durations.parse(v);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("must be more than 0");
            }
            return d;
        });
    }
}
