package io.codeanatomy.job.cluster;

import io.codeanatomy.job.cli.FlinkConfOption;
import io.codeanatomy.job.cli.OptionSpec;
import io.codeanatomy.job.cli.ParsedOptions;
import io.codeanatomy.job.cli.SelectionOptions;
import io.codeanatomy.job.cli.UsageException;
import io.codeanatomy.job.index.IndexCommand;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.job.watch.WatchCommand;
import io.codeanatomy.job.watch.WatchJob;
import io.codeanatomy.job.watch.WatchSettings;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.Arrays;
import java.util.List;

/**
 * The entry point for a Flink cluster ({@code flink run -c io.codeanatomy.job.cluster.ClusterEntry
 * codeanatomy.jar index|watch [options]}, or a FlinkDeployment's {@code entryClass}): the same
 * options as the embedded commands, the job built on the environment the cluster provides, then
 * executed. The cluster owns the lifecycle: no progress polling, no exit codes, no savepoint on
 * stop (stop a watch job with the cluster's stop-with-savepoint). Bad options fail the submission
 * with a message naming the option.
 */
public final class ClusterEntry {
    private ClusterEntry() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new UsageException("usage: ClusterEntry index|watch [options] (the options of `codeanatomy index|watch`)");
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        switch (command) {
            case IndexCommand.NAME -> {
                ParsedOptions options = parse(command, IndexCommand.OPTIONS, rest);
                IndexSettings settings = IndexCommand.settings(options);
                if (!options.has(SelectionOptions.PARALLELISM)) {
                    settings = settings.withParallelism(env.getParallelism());
                }
                IndexJob.build(env, settings);
                env.execute(IndexJob.name(settings));
            }
            case WatchCommand.NAME -> {
                ParsedOptions options = parse(command, WatchCommand.OPTIONS, rest);
                WatchSettings settings = WatchCommand.settings(options);
                if (!options.has(SelectionOptions.PARALLELISM)) {
                    settings = settings.withParallelism(env.getParallelism());
                }
                WatchJob.build(env, settings);
                env.execute(WatchJob.name(settings));
            }
            default -> throw new UsageException("unknown command '" + command + "' (index or watch)");
        }
    }

    private static ParsedOptions parse(String command, List<OptionSpec> specs, String[] args) {
        ParsedOptions options = ParsedOptions.parse(command, specs, args);
        if (options.has(FlinkConfOption.NAME)) {
            throw new UsageException("--" + FlinkConfOption.NAME + " is for the embedded command; a cluster job runs"
                    + " with the cluster's own configuration");
        }
        if (options.has("help")) {
            throw new UsageException("--help: run `codeanatomy " + command + " --help`");
        }
        return options;
    }
}
