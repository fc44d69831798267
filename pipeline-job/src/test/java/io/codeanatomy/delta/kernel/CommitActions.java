package io.codeanatomy.delta.kernel;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.List;

/**
 * The benchmarks' door to {@link CommitFiles} (package-private in delta-sink): the actions of one
 * Delta commit, read the way the sink reads them. Goes away once CommitFiles is public.
 */
public final class CommitActions {
    private CommitActions() {
    }

    public static List<JsonNode> of(String tablePath, long version) throws IOException {
        return CommitFiles.actions(tablePath, version);
    }
}
