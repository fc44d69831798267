package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.record.Owner;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/** Owners being replaced in one commit, indexed for range probes against file statistics. */
public final class OwnerSet {
    static final Comparator<String> UTF8 = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final Map<String, NavigableSet<String>> pathsByRepo = new HashMap<>();
    private int size;

    public OwnerSet(Collection<Owner> owners) {
        for (Owner o : owners) {
            if (pathsByRepo.computeIfAbsent(o.repo(), r -> new TreeSet<>(UTF8)).add(o.path())) {
                size++;
            }
        }
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    public boolean contains(String repo, String path) {
        NavigableSet<String> paths = pathsByRepo.get(repo);
        return paths != null && paths.contains(path);
    }

    /** Whether any owner may fall in the statistics range of a single-repository file. */
    boolean anyWithin(String repo, String minPath, String maxPath) {
        NavigableSet<String> paths = pathsByRepo.get(repo);
        return paths != null && anyWithin(paths, minPath, maxPath);
    }

    /** Whether a sorted (UTF-8 order) set has a value in [min, max], or one the truncated max prefixes. */
    static boolean anyWithin(NavigableSet<String> values, String min, String max) {
        String first = values.ceiling(min);
        if (first == null) {
            return false;
        }
        if (UTF8.compare(first, max) <= 0) {
            return true;
        }
        String truncated = values.ceiling(max); // statistics may hold a truncated maximum
        return truncated != null && truncated.startsWith(max);
    }

    boolean anyRepoWithin(String minRepo, String maxRepo) {
        for (String repo : pathsByRepo.keySet()) {
            if (UTF8.compare(repo, minRepo) >= 0
                    && (UTF8.compare(repo, maxRepo) <= 0 || repo.startsWith(maxRepo))) {
                return true;
            }
        }
        return false;
    }
}
