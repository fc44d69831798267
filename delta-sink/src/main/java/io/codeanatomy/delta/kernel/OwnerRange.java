package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.schema.TableSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;

/**
 * The min/max of the owner columns of one data file, from its Delta statistics.
 *
 * <p>Delta may truncate string statistics to a prefix, so an owner may also match when the
 * recorded maximum is a prefix of it. Comparison is by UTF-8 bytes, as Parquet orders strings.
 */
final class OwnerRange {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String minRepo;
    private final String maxRepo;
    private final String minPath;
    private final String maxPath;

    private OwnerRange(String minRepo, String maxRepo, String minPath, String maxPath) {
        this.minRepo = minRepo;
        this.maxRepo = maxRepo;
        this.minPath = minPath;
        this.maxPath = maxPath;
    }

    static Optional<OwnerRange> fromStats(String statsJson, TableSpec spec) {
        try {
            JsonNode root = JSON.readTree(statsJson);
            JsonNode min = root.get("minValues");
            JsonNode max = root.get("maxValues");
            String repoCol = spec.ownerColumns().get(0);
            String pathCol = spec.ownerColumns().get(1);
            if (min == null || max == null || !min.has(repoCol) || !max.has(repoCol)
                    || !min.has(pathCol) || !max.has(pathCol)) {
                return Optional.empty();
            }
            return Optional.of(new OwnerRange(min.get(repoCol).asText(), max.get(repoCol).asText(),
                    min.get(pathCol).asText(), max.get(pathCol).asText()));
        } catch (IOException e) {
            return Optional.empty(); // unreadable stats only cost pruning, never correctness
        }
    }

    /** Whether the file may hold rows of any of these owners. */
    boolean mayContainAny(OwnerSet owners) {
        if (minRepo.equals(maxRepo)) {
            return owners.anyWithin(minRepo, minPath, maxPath);
        }
        return owners.anyRepoWithin(minRepo, maxRepo); // several repos: the path range cannot prune
    }
}
