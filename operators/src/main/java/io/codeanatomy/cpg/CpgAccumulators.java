package io.codeanatomy.cpg;

/** Names of the job's accumulators, read by the command line's progress line and summary. */
public final class CpgAccumulators {
    public static final String FILES = "files";
    public static final String BYTES = "bytes";
    public static final String NODES = "nodes";
    public static final String EDGES = "edges";
    public static final String ERRORS = "errors";

    private CpgAccumulators() {
    }
}
