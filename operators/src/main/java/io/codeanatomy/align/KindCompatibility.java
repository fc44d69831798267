package io.codeanatomy.align;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * How well a left kind matches a right kind, in [0, 1]; 0 means never match. A table of pairs
 * with a default for pairs not listed.
 */
public final class KindCompatibility implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Double> scores = new HashMap<>();
    private final double otherwise;

    private KindCompatibility(double otherwise) {
        this.otherwise = otherwise;
    }

    /** Every pair scores 1: spans alone decide. */
    public static KindCompatibility any() {
        return new KindCompatibility(1.0);
    }

    /** Only the listed pairs match; everything else scores 0. */
    public static KindCompatibility only() {
        return new KindCompatibility(0.0);
    }

    public KindCompatibility with(String leftKind, String rightKind, double score) {
        if (score < 0 || score > 1) {
            throw new IllegalArgumentException("kind compatibility must be in [0, 1], was " + score);
        }
        scores.put(leftKind + "\u0000" + rightKind, score);
        return this;
    }

    public double score(String leftKind, String rightKind) {
        return scores.getOrDefault(leftKind + "\u0000" + rightKind, otherwise);
    }
}
