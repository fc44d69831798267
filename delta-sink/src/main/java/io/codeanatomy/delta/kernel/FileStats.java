package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.schema.TableSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.NavigableSet;
import java.util.Optional;

/**
 * The statistics of one data file that prune candidate files: min/max of the owner columns and of
 * the first primary-key column, and the row count. They only prune: which rows a file really
 * holds is read from the file. Delta may truncate string statistics to a prefix, so a value also
 * matches when the recorded maximum is a prefix of it.
 */
final class FileStats {
    private static final ObjectMapper JSON = new ObjectMapper();

    final long numRecords;
    private final String minRepo;
    private final String maxRepo;
    private final String minPath;
    private final String maxPath;
    private final String minKey;
    private final String maxKey;

    private FileStats(long numRecords, String minRepo, String maxRepo, String minPath, String maxPath,
                      String minKey, String maxKey) {
        this.numRecords = numRecords;
        this.minRepo = minRepo;
        this.maxRepo = maxRepo;
        this.minPath = minPath;
        this.maxPath = maxPath;
        this.minKey = minKey;
        this.maxKey = maxKey;
    }

    static Optional<FileStats> parse(String statsJson, TableSpec spec) {
        try {
            JsonNode root = JSON.readTree(statsJson);
            JsonNode min = root.path("minValues");
            JsonNode max = root.path("maxValues");
            String key = spec.primaryKey().get(0);
            String repo = spec.isOwned() ? spec.ownerColumns().get(0) : null;
            String path = spec.isOwned() ? spec.ownerColumns().get(1) : null;
            return Optional.of(new FileStats(root.path("numRecords").asLong(-1),
                    text(min, repo), text(max, repo), text(min, path), text(max, path), text(min, key), text(max, key)));
        } catch (IOException e) {
            return Optional.empty(); // unreadable stats only cost pruning, never correctness
        }
    }

    private static String text(JsonNode node, String column) {
        return column == null || !node.has(column) ? null : node.get(column).asText();
    }

    /** The first owner the file holds as "repo\0path" in UTF-8 order, or null when the statistics lack it. */
    String minOwner() {
        return minRepo == null || minPath == null ? null : minRepo + '\u0000' + minPath;
    }

    /** The last owner (possibly a truncated prefix of it), or null. */
    String maxOwner() {
        return maxRepo == null || maxPath == null ? null : maxRepo + '\u0000' + maxPath;
    }

    boolean mayHoldOwnerOf(OwnerSet owners) {
        if (minRepo == null || maxRepo == null || minPath == null || maxPath == null) {
            return true;
        }
        if (minRepo.equals(maxRepo)) {
            return owners.anyWithin(minRepo, minPath, maxPath);
        }
        return owners.anyRepoWithin(minRepo, maxRepo); // several repos: the path range cannot prune
    }

    boolean mayHoldFirstKeyIn(NavigableSet<String> values) {
        if (minKey == null || maxKey == null) {
            return true;
        }
        return OwnerSet.anyWithin(values, minKey, maxKey);
    }
}
