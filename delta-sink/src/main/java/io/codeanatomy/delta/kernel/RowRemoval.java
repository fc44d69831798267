package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.schema.ColumnType;
import io.codeanatomy.delta.schema.TableSpec;

import java.util.Set;
import java.util.TreeSet;

/** Which stored rows a commit removes: rows of replaced owners, and rows whose primary key changed. */
final class RowRemoval {
    private final TableSpec spec;
    private final OwnerSet owners;
    private final Set<String> keys;
    /** First key column values, for pruning by statistics when that column is a string. */
    private final TreeSet<String> firstKeyValues;

    RowRemoval(TableSpec spec, OwnerSet owners, Set<String> keys) {
        this.spec = spec;
        this.owners = spec.isReplacedWithOwner() ? owners : new OwnerSet(Set.of());
        this.keys = keys;
        boolean stringKey = spec.columns().get(spec.index(spec.primaryKey().get(0))).type() == ColumnType.STRING;
        this.firstKeyValues = stringKey ? new TreeSet<>(OwnerSet.UTF8) : null;
        if (stringKey) {
            for (String k : keys) {
                int nul = k.indexOf(TableSpec.KEY_SEPARATOR);
                firstKeyValues.add(nul < 0 ? k : k.substring(0, nul));
            }
        }
    }

    boolean isEmpty() {
        return owners.isEmpty() && keys.isEmpty();
    }

    boolean mayTouch(ActiveFile file) {
        if (file.stats.isEmpty()) {
            return true;
        }
        FileStats stats = file.stats.get();
        if (!owners.isEmpty() && stats.mayHoldOwnerOf(owners)) {
            return true;
        }
        if (keys.isEmpty()) {
            return false;
        }
        return firstKeyValues == null || stats.mayHoldFirstKeyIn(firstKeyValues);
    }

    boolean removes(Object[] row) {
        return (!owners.isEmpty() && owners.contains((String) row[spec.repoIndex()], (String) row[spec.pathIndex()]))
                || (!keys.isEmpty() && keys.contains(spec.keyOf(row)));
    }
}
