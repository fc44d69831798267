package io.codeanatomy.source.enumerator;

import org.apache.flink.api.connector.source.SourceEvent;

/**
 * The enumerator's news for readers: a repository's branch now points at {@code commit}, first seen at
 * {@code detectedAt} (epoch milliseconds).
 */
public record HeadEvent(String repo, String commit, long detectedAt) implements SourceEvent {
}
