package io.codeanatomy.lang;

import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.evidence.ContentState;
import io.codeanatomy.source.FileChange;

import org.apache.flink.api.common.functions.FilterFunction;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lets through the changes a layer sends evidence about, as the file's frontend decides: the same
 * decision the align operator makes when it waits for that layer. A file that is not Python never
 * reaches python3.
 */
public final class LayerFilter implements FilterFunction<FileChange> {
    private static final long serialVersionUID = 1L;

    private final LanguageFrontends frontends;
    private final Set<EvidenceLayer> running;
    private final EvidenceLayer layer;

    public LayerFilter(LanguageFrontends frontends, Set<EvidenceLayer> running, EvidenceLayer layer) {
        this.frontends = frontends;
        this.running = EnumSet.copyOf(running);
        this.layer = layer;
    }

    @Override
    public boolean filter(FileChange change) {
        return frontends.layers(change.language, change.kind, ContentState.of(change.content), running).contains(layer);
    }
}
