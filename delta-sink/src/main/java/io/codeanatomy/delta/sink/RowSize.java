package io.codeanatomy.delta.sink;

/** A cheap estimate of the heap a buffered row takes, to bound what writers hold. */
final class RowSize {
    private RowSize() {
    }

    static long estimate(Object[] row) {
        if (row == null) {
            return 0;
        }
        long bytes = 16 + 8L * row.length;
        for (Object v : row) {
            if (v instanceof String) {
                bytes += 40 + ((String) v).length();
            } else if (v != null) {
                bytes += 16;
            }
        }
        return bytes;
    }
}
