package io.codeanatomy.bench;

import io.codeanatomy.source.FileChange;

import java.util.ArrayList;
import java.util.List;

/**
 * The same-run baseline of the watch latency benchmark: the per-file work alone ({@link PerFileWork})
 * on the committed file versions, one file at a time on one thread. Per file the median of the timed
 * rounds; reported is the median over files.
 */
record PerFileBaseline(int files, long bytesP50, double cstP50Ms, double cpythonP50Ms, double fuseP50Ms,
                       double totalP50Ms) {
    /** Rounds of the per-file baseline: the first ones warm the JIT and the CPython helper up. */
    static final int WARMUP_ROUNDS = 3;
    static final int ROUNDS = 7;

    static PerFileBaseline measure(String repo, List<TimedChange> changes) throws Exception {
        List<FileChange> files = new ArrayList<>();
        List<List<PerFileWork.Timing>> timings = new ArrayList<>();
        for (TimedChange c : changes) {
            files.add(PerFileWork.change(repo, c.path, c.commit, c.content));
            timings.add(new ArrayList<>());
        }
        try (PerFileWork work = new PerFileWork()) {
            for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
                for (int i = 0; i < files.size(); i++) {
                    PerFileWork.Timing t = work.time(files.get(i));
                    if (round >= WARMUP_ROUNDS) {
                        timings.get(i).add(t);
                    }
                }
            }
        }
        List<Double> cst = new ArrayList<>();
        List<Double> cpython = new ArrayList<>();
        List<Double> fuse = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        for (List<PerFileWork.Timing> perFile : timings) {
            double c = Percentiles.median(perFile.stream().map(PerFileWork.Timing::cstMs).toList());
            double p = Percentiles.median(perFile.stream().map(PerFileWork.Timing::cpythonMs).toList());
            double f = Percentiles.median(perFile.stream().map(PerFileWork.Timing::fuseMs).toList());
            cst.add(c);
            cpython.add(p);
            fuse.add(f);
            total.add(c + p + f);
        }
        long bytesP50 = Percentiles.of(changes, c -> c.content.length, 50);
        return new PerFileBaseline(files.size(), bytesP50, Percentiles.median(cst), Percentiles.median(cpython),
                Percentiles.median(fuse), Percentiles.median(total));
    }
}
