package io.codeanatomy.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The interval-align join, pure and in one place: for every left interval, the one right interval
 * that best matches it under a {@link MatchMode}, or the reason there is none.
 *
 * <p>The winner among candidates is decided by, in order: higher kind compatibility, longer overlap,
 * smaller length difference, then the right interval's start, end, kind and id (ascending) so ties
 * always break the same way. The result lists left intervals in (start, end, kind, id) order, so it
 * does not depend on input order.
 *
 * <p>Cost: sorting is O((n + m) log(n + m)); candidates are found by binary search and a sweep over
 * intervals sorted by start, and each (left, right) pair meeting the span condition is scored once:
 * O((n + m) log(n + m) + k) for k such pairs. EXACT has k ≤ n + m; for syntax-tree layers, where
 * spans nest, RIGHT_CONTAINS_LEFT has k bounded by n × the nesting depth.
 */
public final class IntervalAligner {
    private static final Comparator<Interval> ORDER = Comparator.comparingLong((Interval i) -> i.start)
            .thenComparingLong(i -> i.end).thenComparing(i -> i.kind).thenComparing(i -> i.id);

    private IntervalAligner() {
    }

    public static List<AlignMatch> align(List<Interval> lefts, List<Interval> rights, MatchMode mode, KindCompatibility kinds) {
        Interval[] ls = lefts.toArray(new Interval[0]);
        Interval[] rs = rights.toArray(new Interval[0]);
        Arrays.sort(ls, ORDER);
        Arrays.sort(rs, ORDER);
        List<AlignMatch> out = new ArrayList<>(ls.length);
        switch (mode) {
            case EXACT -> exact(ls, rs, kinds, out);
            case LEFT_CONTAINS_RIGHT -> leftContainsRight(ls, rs, kinds, out);
            case RIGHT_CONTAINS_LEFT -> rightContainsLeft(ls, rs, kinds, out);
            case OVERLAP -> overlap(ls, rs, kinds, out);
        }
        return out;
    }

    private static void exact(Interval[] ls, Interval[] rs, KindCompatibility kinds, List<AlignMatch> out) {
        Map<String, List<Interval>> bySpan = new HashMap<>();
        for (Interval r : rs) {
            bySpan.computeIfAbsent(r.start + ":" + r.end, k -> new ArrayList<>()).add(r);
        }
        for (Interval l : ls) {
            Best best = new Best(l, kinds);
            for (Interval r : bySpan.getOrDefault(l.start + ":" + l.end, List.of())) {
                best.offer(r);
            }
            out.add(best.result());
        }
    }

    private static void leftContainsRight(Interval[] ls, Interval[] rs, KindCompatibility kinds, List<AlignMatch> out) {
        for (Interval l : ls) {
            Best best = new Best(l, kinds);
            for (int i = firstStartingAtOrAfter(rs, l.start); i < rs.length && rs[i].start <= l.end; i++) {
                if (rs[i].end <= l.end) {
                    best.offer(rs[i]);
                }
            }
            out.add(best.result());
        }
    }

    private static void rightContainsLeft(Interval[] ls, Interval[] rs, KindCompatibility kinds, List<AlignMatch> out) {
        // Sweep by start: rights that started at or before the left, keyed by end; those ending
        // before the current left's start can contain no later left and are dropped.
        NavigableMap<Long, List<Interval>> active = new TreeMap<>();
        int next = 0;
        for (Interval l : ls) {
            while (next < rs.length && rs[next].start <= l.start) {
                active.computeIfAbsent(rs[next].end, k -> new ArrayList<>()).add(rs[next]);
                next++;
            }
            active.headMap(l.start, false).clear();
            Best best = new Best(l, kinds);
            for (List<Interval> group : active.tailMap(l.end, true).values()) {
                group.forEach(best::offer);
            }
            out.add(best.result());
        }
    }

    private static void overlap(Interval[] ls, Interval[] rs, KindCompatibility kinds, List<AlignMatch> out) {
        // Candidates: rights that started before the left and end inside or after its start
        // (swept, keyed by end), plus rights starting within the left (binary search).
        NavigableMap<Long, List<Interval>> startedBefore = new TreeMap<>();
        int next = 0;
        for (Interval l : ls) {
            while (next < rs.length && rs[next].start < l.start) {
                startedBefore.computeIfAbsent(rs[next].end, k -> new ArrayList<>()).add(rs[next]);
                next++;
            }
            startedBefore.headMap(l.start, true).clear();
            Best best = new Best(l, kinds);
            for (List<Interval> group : startedBefore.values()) {
                for (Interval r : group) {
                    if (overlapLength(l, r) > 0) {
                        best.offer(r);
                    }
                }
            }
            for (int i = firstStartingAtOrAfter(rs, l.start); i < rs.length
                    && (rs[i].start < l.end || (rs[i].start == l.start && l.length() == 0)); i++) {
                if (overlapLength(l, rs[i]) > 0 || (l.length() == 0 && rs[i].length() == 0 && rs[i].start == l.start)) {
                    best.offer(rs[i]);
                }
            }
            out.add(best.result());
        }
    }

    private static int firstStartingAtOrAfter(Interval[] rs, long start) {
        int lo = 0;
        int hi = rs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rs[mid].start < start) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static long overlapLength(Interval a, Interval b) {
        return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
    }

    /** The running winner for one left interval. */
    private static final class Best {
        private final Interval left;
        private final KindCompatibility kinds;
        private Interval right;
        private double kind;
        private long overlap;
        private int candidates;
        private int spanCandidates;

        Best(Interval left, KindCompatibility kinds) {
            this.left = left;
            this.kinds = kinds;
        }

        void offer(Interval r) {
            spanCandidates++;
            double k = kinds.score(left.kind, r.kind);
            if (k <= 0) {
                return;
            }
            candidates++;
            long o = overlapLength(left, r);
            if (right == null || better(k, o, r)) {
                right = r;
                kind = k;
                overlap = o;
            }
        }

        private boolean better(double k, long o, Interval r) {
            if (k != kind) {
                return k > kind;
            }
            if (o != overlap) {
                return o > overlap;
            }
            long diff = Math.abs(left.length() - r.length());
            long bestDiff = Math.abs(left.length() - right.length());
            if (diff != bestDiff) {
                return diff < bestDiff;
            }
            return ORDER.compare(r, right) < 0;
        }

        AlignMatch result() {
            if (right == null) {
                return new AlignMatch(left, null, 0, 0, spanCandidates == 0
                        ? AlignMatch.Unmatched.NO_SPAN_CANDIDATE : AlignMatch.Unmatched.NO_COMPATIBLE_KIND, 0);
            }
            long longer = Math.max(left.length(), right.length());
            double spanScore = longer == 0 ? 1.0 : (double) overlap / longer;
            return new AlignMatch(left, right, kind * spanScore, overlap, null, candidates);
        }
    }
}
