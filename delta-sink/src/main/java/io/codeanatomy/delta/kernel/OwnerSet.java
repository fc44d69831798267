package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.record.Owner;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/** Owners being replaced in one commit, indexed for range probes against file statistics. */
public final class OwnerSet {
    /** Strings in the order of their UTF-8 bytes, as Parquet's statistics order them. */
    static final Comparator<String> UTF8 = OwnerSet::compareUtf8;

    /**
     * UTF-8 byte order without encoding (the writer compares every buffered owner): it is code point
     * order, which differs from {@link String#compareTo}'s UTF-16 order only where a surrogate (a code
     * point above U+FFFF) meets a character from U+E000 to U+FFFF.
     */
    static int compareUtf8(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean xs = Character.isSurrogate(x);
                if (xs != Character.isSurrogate(y) && (xs ? y : x) >= '\uE000') {
                    return xs ? 1 : -1; // the surrogate's code point is above U+FFFF
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

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
