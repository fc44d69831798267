package io.codeanatomy.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToLongFunction;

/** Nearest-rank percentiles and medians of benchmark samples. */
final class Percentiles {
    private Percentiles() {
    }

    /** The {@code p}th percentile (100 is the maximum) of {@code f} over {@code items}. */
    static <T> long of(List<T> items, ToLongFunction<T> f, int p) {
        List<Long> values = new ArrayList<>();
        for (T item : items) {
            values.add(f.applyAsLong(item));
        }
        Collections.sort(values);
        return values.get(rank(values.size(), p));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(rank(sorted.size(), 50));
    }

    private static int rank(int n, int p) {
        return Math.max(0, (int) Math.ceil(p / 100.0 * n) - 1);
    }
}
