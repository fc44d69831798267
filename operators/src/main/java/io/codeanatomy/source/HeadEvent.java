package io.codeanatomy.source;

import org.apache.flink.api.connector.source.SourceEvent;

/** The enumerator's news for readers: a repository's branch now points at {@code commit}. */
public final class HeadEvent implements SourceEvent {
    private static final long serialVersionUID = 1L;

    public final String repo;
    public final String commit;
    /** When the enumerator saw this head, epoch milliseconds. */
    public final long detectedAt;

    public HeadEvent(String repo, String commit, long detectedAt) {
        this.repo = repo;
        this.commit = commit;
        this.detectedAt = detectedAt;
    }
}
