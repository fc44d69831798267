package io.codeanatomy.job.index;

import io.codeanatomy.cpg.CpgAccumulators;
import io.codeanatomy.job.cli.PeakMemory;
import io.codeanatomy.job.cli.Sizes;

import java.util.Locale;
import java.util.Map;

/** Counts of one index run, from the job's accumulators. */
public final class IndexSummary {
    public final long files;
    public final long bytes;
    public final long nodes;
    public final long edges;
    public final long errors;
    public final double seconds;

    IndexSummary(Map<String, Object> accumulators, double seconds) {
        this.files = count(accumulators, CpgAccumulators.FILES);
        this.bytes = count(accumulators, CpgAccumulators.BYTES);
        this.nodes = count(accumulators, CpgAccumulators.NODES);
        this.edges = count(accumulators, CpgAccumulators.EDGES);
        this.errors = count(accumulators, CpgAccumulators.ERRORS);
        this.seconds = seconds;
    }

    private static long count(Map<String, Object> accumulators, String name) {
        Object v = accumulators.get(name);
        return v instanceof Number ? ((Number) v).longValue() : 0;
    }

    String progressLine() {
        return String.format(Locale.ROOT, "  ... %,d files (%s), %,d nodes, %,d edges, %,d errors, %.1f s",
                files, Sizes.human(bytes), nodes, edges, errors, seconds);
    }

    @Override
    public String toString() {
        String peak = PeakMemory.residentBytes().stream().mapToObj(b -> ", peak memory " + Sizes.human(b))
                .findFirst().orElse("");
        return String.format(Locale.ROOT, "indexed %,d files (%s) in %.1f s: %,d nodes, %,d edges, %,d errors%s",
                files, Sizes.human(bytes), seconds, nodes, edges, errors, peak);
    }
}
