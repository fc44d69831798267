package io.codeanatomy.bench;

import io.codeanatomy.job.cli.Durations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The command line of the watch latency benchmark. */
record WatchLatencyOptions(Path repoDir, Path warehouseRoot, int changes, long intervalMs, List<Duration> checkpoints,
                           int parallelism, List<String> excludes) {
    static final String USAGE = "usage: WatchLatencyBenchmark REPO_DIR WAREHOUSE_ROOT [--changes N] [--interval-ms M]"
            + " [--checkpoint-intervals 1s,5s] [--parallelism P] [--exclude GLOB,...]";

    static WatchLatencyOptions parse(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException(USAGE);
        }
        int changes = 20;
        long intervalMs = 3000;
        List<Duration> checkpoints = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5));
        int parallelism = 2;
        List<String> excludes = List.of();
        for (int i = 2; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--changes" -> changes = Integer.parseInt(value);
                case "--interval-ms" -> intervalMs = Long.parseLong(value);
                case "--checkpoint-intervals" -> checkpoints = Stream.of(value.split(",")).map(Durations::parse).toList();
                case "--parallelism" -> parallelism = Integer.parseInt(value);
                case "--exclude" -> excludes = Stream.of(value.split(",")).filter(s -> !s.isBlank()).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        return new WatchLatencyOptions(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]).toAbsolutePath(), changes,
                intervalMs, checkpoints, parallelism, excludes);
    }
}
