package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.schema.TableSpec;

import java.util.Comparator;

/** The order rows are written in: owner first, then primary key, for tight statistics per file. */
public final class RowOrder {
    private RowOrder() {
    }

    public static Comparator<Object[]> of(TableSpec spec) {
        if (!spec.isOwned()) {
            return Comparator.comparing(spec::keyOf);
        }
        int repo = spec.repoIndex();
        int path = spec.pathIndex();
        return (a, b) -> {
            int c = ((String) a[repo]).compareTo((String) b[repo]);
            if (c == 0) {
                c = ((String) a[path]).compareTo((String) b[path]);
            }
            return c != 0 ? c : spec.keyOf(a).compareTo(spec.keyOf(b));
        };
    }
}
