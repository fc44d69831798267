package io.codeanatomy.align;

import java.util.Objects;

/** One evidence row to align: an id, a canonical byte span {@code [start, end)} and a kind. */
public final class Interval {
    public final String id;
    public final long start;
    public final long end;
    public final String kind;

    public Interval(String id, long start, long end, String kind) {
        if (end < start) {
            throw new IllegalArgumentException("interval " + id + " ends before it starts: [" + start + ", " + end + ")");
        }
        this.id = Objects.requireNonNull(id, "id");
        this.start = start;
        this.end = end;
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public long length() {
        return end - start;
    }

    @Override
    public String toString() {
        return kind + ":" + id + "[" + start + "," + end + ")";
    }
}
