package io.codeanatomy.source.listing;

import io.codeanatomy.lang.Language;
import io.codeanatomy.source.ChangeKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One change a listing found (a tree diff or a directory walk), not yet read. {@code blob} holds the
 * new content (null for a DELETE); {@code language} is null for a prior path of no supported language.
 */
public record ListedChange(ChangeKind kind, String path, String oldPath, Language language, Blob blob) {
    /** The order of a diff: by path, then kind. */
    public static final Comparator<ListedChange> BY_PATH_THEN_KIND =
            Comparator.comparing(ListedChange::path).thenComparing(ListedChange::kind);

    public static ListedChange delete(String path, Language language) {
        return new ListedChange(ChangeKind.DELETE, path, path, language, null);
    }

    /**
     * A DELETE for each of {@code priorPaths} (what the tables hold) that {@code present} lacks, in
     * path order: how a listing from nothing removes what is gone.
     */
    public static List<ListedChange> deletesOfMissing(List<ListedChange> present, List<String> priorPaths) {
        Set<String> paths = new HashSet<>();
        for (ListedChange c : present) {
            paths.add(c.path);
        }
        List<ListedChange> deletes = new ArrayList<>();
        for (String prior : priorPaths) {
            if (!paths.contains(prior)) {
                deletes.add(delete(prior, Language.forPath(prior).orElse(null)));
            }
        }
        deletes.sort(Comparator.comparing(ListedChange::path));
        return deletes;
    }

    @Override
    public String toString() {
        return kind + " " + (oldPath != null && kind == ChangeKind.RENAME ? oldPath + " -> " : "") + path;
    }
}
