package io.codeanatomy.delta.sink;

/** The points of the two-phase commit where a failure leaves different work behind. */
public enum SinkStep {
    /** A writer staged data files for a checkpoint and has not handed them on. */
    FILES_STAGED,
    /** The aggregator emitted a checkpoint's committable; the checkpoint has not completed. */
    COMMITTABLE_EMITTED,
    /**
     * The committer is about to commit one table of a checkpoint (the detail names it); the tables
     * before {@code repo_heads} are committed side by side, so others may be done or in flight.
     */
    BEFORE_TABLE_COMMIT,
    /** The committer committed some of a checkpoint's tables but not all. */
    BETWEEN_TABLE_COMMITS,
    /** The committer committed every table of a checkpoint and has not yet reported it. */
    AFTER_COMMIT
}
