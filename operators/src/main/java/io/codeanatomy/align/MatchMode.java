package io.codeanatomy.align;

/** Which right intervals are candidates for a left interval. */
public enum MatchMode {
    /** Same start and end. */
    EXACT,
    /** The right interval lies inside the left one (ends included). */
    LEFT_CONTAINS_RIGHT,
    /** The left interval lies inside the right one (ends included). */
    RIGHT_CONTAINS_LEFT,
    /** The intervals share at least one byte (or are the same empty span). */
    OVERLAP
}
