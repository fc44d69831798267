package io.codeanatomy.align;

/** The outcome for one left interval: its winning right interval, or why there is none. */
public final class AlignMatch {
    /** Why a left interval has no match. */
    public enum Unmatched {
        /** No right interval satisfies the match mode's span condition. */
        NO_SPAN_CANDIDATE,
        /** Some spans qualify, but every such right interval has an incompatible kind. */
        NO_COMPATIBLE_KIND
    }

    public final Interval left;
    /** The winner, or null. */
    public final Interval right;
    /** Overlap length / the longer length, times kind compatibility: in [0, 1]; 0 when unmatched. */
    public final double score;
    public final long overlap;
    /** Null when matched. */
    public final Unmatched reason;
    /** How many right intervals were candidates (span condition met, kind compatible). */
    public final int candidates;

    AlignMatch(Interval left, Interval right, double score, long overlap, Unmatched reason, int candidates) {
        this.left = left;
        this.right = right;
        this.score = score;
        this.overlap = overlap;
        this.reason = reason;
        this.candidates = candidates;
    }

    public boolean matched() {
        return right != null;
    }

    @Override
    public String toString() {
        return left + " -> " + (right == null ? reason : right + " (" + score + ")");
    }
}
