package io.codeanatomy.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The changes of one checkpoint interval of the watch latency benchmark, and what the run noticed on the way. */
final class LatencyRun {
    final Duration checkpoint;
    long initialIndexMs;
    int warmupCommits;
    final List<TimedChange> changes = new ArrayList<>();
    int skippedSlots;
    int unattributed;
    long pollCalls;
    long pollNanos;

    LatencyRun(Duration checkpoint) {
        this.checkpoint = checkpoint;
    }
}
