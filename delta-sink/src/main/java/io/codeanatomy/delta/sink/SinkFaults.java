package io.codeanatomy.delta.sink;

import java.io.IOException;
import java.io.Serializable;

/**
 * A seam for failure tests: called at every {@link SinkStep}. Production runs use {@link #NONE};
 * tests inject failures to prove that a restart from the last checkpoint loses and repeats nothing.
 */
@FunctionalInterface
public interface SinkFaults extends Serializable {
    SinkFaults NONE = (step, checkpointId, detail) -> { };

    void at(SinkStep step, long checkpointId, String detail) throws IOException;

    /**
     * Breaks the sink on purpose, for tests only: when true, the committer commits every table under
     * a fresh transaction application id, so a replayed checkpoint is committed again instead of
     * being recognised. A test that proves at-most-once commits must fail with it on.
     */
    default boolean ignoreTransactionIds() {
        return false;
    }
}
