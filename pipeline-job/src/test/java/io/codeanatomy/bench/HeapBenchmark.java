package io.codeanatomy.bench;

import io.codeanatomy.delta.kernel.CommitOutcome;
import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.MaintenanceCommit;
import io.codeanatomy.delta.kernel.OwnerSet;
import io.codeanatomy.delta.kernel.ParquetStager;
import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.kernel.TableCommit;
import io.codeanatomy.delta.kernel.WriterGuard;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.ColumnType;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.engine.Engine;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Peak live heap of compaction and of copy-on-write as their input grows 1x, 4x, 16x, each against
 * the 1x figure of the same run. Both stream their files, so the peak should stay about flat while
 * the rows grow. Live heap is sampled by a thread that runs a full GC and reads the used heap, over
 * and over while the operation runs; an operation's figure is its peak minus the live heap before it,
 * the median of {@value #REPEATS} runs.
 * The input files are written from generated rows (never held), on real Delta tables.
 *
 * <p>Usage: {@code java -cp TEST_CLASS_PATH io.codeanatomy.bench.HeapBenchmark WORK_DIR} (bench/heap.sh)
 */
public final class HeapBenchmark {
    static final TableSpec SPEC = TableSpec.builder("t", "")
            .required("repo", ColumnType.STRING, "").required("path", ColumnType.STRING, "")
            .required("id", ColumnType.STRING, "").optional("name", ColumnType.STRING, "")
            .optional("n", ColumnType.LONG, "")
            .primaryKey("id").build();
    /** Compaction merges this many files of {@link #COMPACT_ROWS} rows each at 1x. */
    static final int COMPACT_FILES = 8;
    static final int COMPACT_ROWS = 2_500;
    /** Copy-on-write keeps two owners of this many rows each at 1x, and drops a third in between. */
    static final int KEPT_ROWS = 10_000;
    static final int[] SCALES = {1, 4, 16};
    /** Each figure is the median of this many runs: a sample may miss a short peak. */
    static final int REPEATS = 3;

    private HeapBenchmark() {
    }

    private record Figure(long rows, long heapBytes, long rowsHeld, int samples, long millis) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Engine engine = EngineFactory.create();
        compaction(engine, work.resolve("warm-compact"), 1); // class loading and caches out of the 1x figure
        copyOnWrite(engine, work.resolve("warm-cow"), 1);
        System.out.printf(Locale.ROOT, "max_heap_mb=%d%n", Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "%-13s %5s %8s %14s %8s %10s %7s %6s%n",
                "operation", "scale", "rows", "peak_heap_MB", "ratio", "rows_held", "samples", "ms");
        for (String op : List.of("compaction", "copy-on-write")) {
            Figure base = null;
            for (int scale : SCALES) {
                List<Figure> runs = new ArrayList<>();
                for (int run = 0; run < REPEATS; run++) {
                    Path dir = work.resolve(op + "-" + scale + "-" + run);
                    runs.add(op.equals("compaction") ? compaction(engine, dir, scale) : copyOnWrite(engine, dir, scale));
                }
                runs.sort(java.util.Comparator.comparingLong(Figure::heapBytes));
                Figure f = runs.get(REPEATS / 2);
                base = base == null ? f : base;
                System.out.printf(Locale.ROOT, "%-13s %4dx %8d %14.1f %8.2f %10d %7d %6d%n", op, scale, f.rows,
                        f.heapBytes / 1048576.0, (double) f.heapBytes / base.heapBytes, f.rowsHeld, f.samples, f.millis);
            }
        }
    }

    private static Figure compaction(Engine engine, Path dir, int scale) throws Exception {
        String table = dir.resolve("t").toUri().toString();
        int perFile = COMPACT_ROWS * scale;
        for (int i = 0; i < COMPACT_FILES; i++) {
            String path = "f" + i + ".py";
            commit(engine, table, i + 1, Set.of(path), new ParquetStager(engine, table, SPEC).stage(rows(path, perFile)));
        }
        return measure(COMPACT_FILES * (long) perFile, () -> {
            MaintenanceCommit.Result r = MaintenanceCommit.compact(engine, table, SPEC, io.codeanatomy.delta.kernel.FileLayout.DEFAULT, Long.MAX_VALUE);
            if (r.version < 0) {
                throw new IllegalStateException("nothing compacted");
            }
            return r.peakRowsHeld;
        });
    }

    private static Figure copyOnWrite(Engine engine, Path dir, int scale) throws Exception {
        String table = dir.resolve("t").toUri().toString();
        int kept = KEPT_ROWS * scale;
        Iterator<Object[]> file = concat(List.of(rows("a.py", kept), rows("b.py", 5), rows("c.py", kept)));
        commit(engine, table, 1, Set.of("a.py", "b.py", "c.py"), new ParquetStager(engine, table, SPEC).stage(file));
        List<StagedFile> replacement = new ParquetStager(engine, table, SPEC).stage(rows("b.py", 1));
        return measure(2L * kept, () -> {
            CommitOutcome outcome = commit(engine, table, 2, Set.of("b.py"), replacement);
            if (outcome.rewrittenFiles != 1) {
                throw new IllegalStateException("expected one file rewritten: " + outcome);
            }
            return outcome.peakRowsHeld;
        });
    }

    private static CommitOutcome commit(Engine engine, String table, long version, Set<String> paths,
                                        List<StagedFile> files) {
        List<Owner> owners = new ArrayList<>();
        paths.forEach(p -> owners.add(new Owner("r", p)));
        return new TableCommit(engine, table, SPEC, new WriterGuard(table, "bench"))
                .commit("bench", version, new OwnerSet(owners), Set.of(), files);
    }

    /** Runs the operation while a thread samples the live heap; returns its peak over the heap before. */
    private static Figure measure(long rows, Callable<Long> operation) throws Exception {
        long before = Math.min(liveHeap(), liveHeap());
        long[] peak = {before};
        int[] samples = {0};
        boolean[] done = {false};
        Thread sampler = new Thread(() -> {
            while (!done[0]) {
                long live = liveHeap();
                synchronized (peak) {
                    peak[0] = Math.max(peak[0], live);
                    samples[0]++;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        long start = System.nanoTime();
        sampler.start();
        long rowsHeld;
        try {
            rowsHeld = operation.call();
        } finally {
            synchronized (peak) {
                done[0] = true;
            }
            sampler.join();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        synchronized (peak) {
            return new Figure(rows, peak[0] - before, rowsHeld, samples[0], millis);
        }
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Rows of one owner in the table's order (keys zero-padded so they sort as numbered), made as pulled. */
    private static Iterator<Object[]> rows(String path, int count) {
        return new Iterator<>() {
            private int k;

            @Override
            public boolean hasNext() {
                return k < count;
            }

            @Override
            public Object[] next() {
                if (k >= count) {
                    throw new NoSuchElementException();
                }
                String id = String.format(Locale.ROOT, "%s#%08d", path, k);
                return new Object[] {"r", path, id, "name_" + Integer.toHexString(id.hashCode()), (long) k++};
            }
        };
    }

    /** The parts one after another, pulled as the writer asks (a stream's flatMap would buffer each part). */
    private static Iterator<Object[]> concat(List<Iterator<Object[]>> parts) {
        return new Iterator<>() {
            private int part;

            @Override
            public boolean hasNext() {
                while (part < parts.size() && !parts.get(part).hasNext()) {
                    part++;
                }
                return part < parts.size();
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return parts.get(part).next();
            }
        };
    }
}
