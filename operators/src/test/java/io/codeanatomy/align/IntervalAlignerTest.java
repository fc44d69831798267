package io.codeanatomy.align;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IntervalAlignerTest {
    private static Interval i(String id, long s, long e, String kind) {
        return new Interval(id, s, e, kind);
    }

    private static String winner(List<AlignMatch> matches, String leftId) {
        for (AlignMatch m : matches) {
            if (m.left.id.equals(leftId)) {
                return m.right == null ? String.valueOf(m.reason) : m.right.id;
            }
        }
        throw new AssertionError("no result for " + leftId);
    }

    @Test
    void eachModeFindsItsWinner() {
        // A function [10,50) with a body call [20,30) and a name [14,17); the other layer has a
        // module, the same function, a slightly longer statement and the call.
        List<Interval> left = List.of(i("fn", 10, 50, "FUNCTION"), i("call", 20, 30, "CALL"), i("name", 14, 17, "NAME"));
        List<Interval> right = List.of(i("mod", 0, 100, "Module"), i("def", 10, 50, "FunctionDef"),
                i("stmt", 19, 31, "Expr"), i("c", 20, 30, "Call"));
        KindCompatibility any = KindCompatibility.any();

        List<AlignMatch> exact = IntervalAligner.align(left, right, MatchMode.EXACT, any);
        assertEquals("def", winner(exact, "fn"));
        assertEquals("c", winner(exact, "call"));
        assertEquals("NO_SPAN_CANDIDATE", winner(exact, "name"));

        List<AlignMatch> enclosing = IntervalAligner.align(left, right, MatchMode.RIGHT_CONTAINS_LEFT, any);
        assertEquals("def", winner(enclosing, "fn"), "same span beats the module: smaller length difference");
        assertEquals("c", winner(enclosing, "call"));
        assertEquals("def", winner(enclosing, "name"), "innermost enclosing interval");

        List<AlignMatch> inside = IntervalAligner.align(left, right, MatchMode.LEFT_CONTAINS_RIGHT, any);
        assertEquals("def", winner(inside, "fn"), "the longest contained interval");
        assertEquals("c", winner(inside, "call"));

        List<AlignMatch> overlap = IntervalAligner.align(left, right, MatchMode.OVERLAP, any);
        assertEquals("def", winner(overlap, "fn"));
        assertEquals("c", winner(overlap, "call"));
    }

    @Test
    void kindCompatibilityComesFirstAndTiesBreakByStartEndKindId() {
        List<Interval> left = List.of(i("fn", 10, 50, "FUNCTION"));
        KindCompatibility kinds = KindCompatibility.only().with("FUNCTION", "FunctionDef", 1.0).with("FUNCTION", "Module", 0.2);
        List<AlignMatch> m = IntervalAligner.align(left, List.of(i("mod", 0, 100, "Module"), i("def", 12, 48, "FunctionDef")),
                MatchMode.OVERLAP, kinds);
        assertEquals("def", m.get(0).right.id, "a compatible kind beats a longer overlap");
        assertEquals(36.0 / 40, m.get(0).score, 1e-9);

        List<AlignMatch> tie = IntervalAligner.align(left, List.of(i("b", 10, 50, "FunctionDef"), i("a", 10, 50, "FunctionDef")),
                MatchMode.EXACT, kinds);
        assertEquals("a", tie.get(0).right.id);
        assertEquals(2, tie.get(0).candidates);

        List<AlignMatch> none = IntervalAligner.align(left, List.of(i("x", 10, 50, "ClassDef")), MatchMode.EXACT, kinds);
        assertNull(none.get(0).right);
        assertEquals(AlignMatch.Unmatched.NO_COMPATIBLE_KIND, none.get(0).reason);
    }

    /** The same winners as a brute-force scan of every pair, on random intervals, in every mode. */
    @Test
    void agreesWithBruteForceAndIgnoresInputOrder() {
        Random random = new Random(42);
        String[] kinds = {"A", "B", "C"};
        KindCompatibility compat = KindCompatibility.only().with("A", "A", 1).with("A", "B", 0.5).with("B", "B", 1)
                .with("C", "A", 0.3).with("C", "C", 1).with("B", "C", 0.7);
        for (int round = 0; round < 30; round++) {
            List<Interval> left = random(random, "l", 60, kinds);
            List<Interval> right = random(random, "r", 80, kinds);
            for (MatchMode mode : MatchMode.values()) {
                List<String> fast = render(IntervalAligner.align(left, right, mode, compat));
                assertEquals(bruteForce(left, right, mode, compat), fast, mode + " round " + round);
                List<Interval> l2 = new ArrayList<>(left);
                List<Interval> r2 = new ArrayList<>(right);
                Collections.shuffle(l2, random);
                Collections.shuffle(r2, random);
                assertEquals(fast, render(IntervalAligner.align(l2, r2, mode, compat)), "input order must not matter");
            }
        }
    }

    private static List<Interval> random(Random random, String prefix, int n, String[] kinds) {
        List<Interval> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long s = random.nextInt(200);
            long e = s + (random.nextInt(5) == 0 ? 0 : random.nextInt(40));
            out.add(new Interval(prefix + k, s, e, kinds[random.nextInt(kinds.length)]));
        }
        return out;
    }

    private static List<String> render(List<AlignMatch> matches) {
        return matches.stream().map(m -> m.left.id + "->" + (m.right == null ? m.reason : m.right.id))
                .collect(Collectors.toList());
    }

    /** The oracle's own overlap: count the byte offsets both spans cover (not the code's formula). */
    private static long sharedBytes(Interval a, Interval b) {
        long n = 0;
        for (long at = a.start; at < a.end; at++) {
            if (at >= b.start && at < b.end) {
                n++;
            }
        }
        return n;
    }

    private static boolean qualifies(Interval l, Interval r, MatchMode mode) {
        switch (mode) {
            case EXACT: return l.start == r.start && l.end == r.end;
            case LEFT_CONTAINS_RIGHT: return l.start <= r.start && r.end <= l.end;
            case RIGHT_CONTAINS_LEFT: return r.start <= l.start && l.end <= r.end;
            default: return sharedBytes(l, r) > 0
                    || (l.length() == 0 && r.length() == 0 && l.start == r.start);
        }
    }

    private static List<String> bruteForce(List<Interval> left, List<Interval> right, MatchMode mode, KindCompatibility k) {
        Comparator<Interval> order = Comparator.comparingLong((Interval x) -> x.start).thenComparingLong(x -> x.end)
                .thenComparing(x -> x.kind).thenComparing(x -> x.id);
        List<Interval> ls = new ArrayList<>(left);
        ls.sort(order);
        List<String> out = new ArrayList<>();
        for (Interval l : ls) {
            Interval best = null;
            boolean anySpan = false;
            for (Interval r : right) {
                if (!qualifies(l, r, mode)) {
                    continue;
                }
                anySpan = true;
                double ks = k.score(l.kind, r.kind);
                if (ks <= 0) {
                    continue;
                }
                if (best == null) {
                    best = r;
                    continue;
                }
                Comparator<Interval> rank = Comparator.comparingDouble((Interval x) -> -k.score(l.kind, x.kind))
                        .thenComparingLong(x -> -sharedBytes(l, x))
                        .thenComparingLong(x -> Math.abs(l.length() - x.length()))
                        .thenComparing(order);
                if (rank.compare(r, best) < 0) {
                    best = r;
                }
            }
            out.add(l.id + "->" + (best != null ? best.id
                    : anySpan ? AlignMatch.Unmatched.NO_COMPATIBLE_KIND : AlignMatch.Unmatched.NO_SPAN_CANDIDATE));
        }
        return out;
    }
}
