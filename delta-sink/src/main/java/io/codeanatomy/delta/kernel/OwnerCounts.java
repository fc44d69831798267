package io.codeanatomy.delta.kernel;

/** What a data file (or a group of files) holds, by owner: how many owners, rows, and the rows of its smallest owner. */
record OwnerCounts(int owners, long rows, long smallestOwnerRows) {
    /** The counts of two files' rows in one file (their owners disjoint). */
    OwnerCounts plus(OwnerCounts other) {
        return new OwnerCounts(owners + other.owners, rows + other.rows, Math.min(smallestOwnerRows, other.smallestOwnerRows));
    }
}
