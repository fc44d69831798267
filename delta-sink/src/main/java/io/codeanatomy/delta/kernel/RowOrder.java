package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.schema.TableSpec;

import java.util.Comparator;
import java.util.function.Function;

/**
 * The order rows are written in: owner (repo, then path) first, then primary key, for tight
 * statistics per file. Defined once here for value arrays and for the writer's buffered rows.
 */
public final class RowOrder {
    private RowOrder() {
    }

    public static Comparator<Object[]> of(TableSpec spec) {
        if (!spec.isOwned()) {
            return Comparator.comparing(spec::keyOf);
        }
        int repo = spec.repoIndex();
        int path = spec.pathIndex();
        return ownerThenKey(row -> (String) row[repo], row -> (String) row[path], spec::keyOf);
    }

    /** The order of rows of an owned table held in some other form, given how to get each part. */
    public static <T> Comparator<T> ownerThenKey(Function<T, String> repo, Function<T, String> path,
                                                 Function<T, String> key) {
        return owner(repo, path).thenComparing(key);
    }

    /** The order of owners (the first part of {@link #ownerThenKey}); within an owner, rows go by key. */
    public static <T> Comparator<T> owner(Function<T, String> repo, Function<T, String> path) {
        return Comparator.comparing(repo).thenComparing(path);
    }
}
