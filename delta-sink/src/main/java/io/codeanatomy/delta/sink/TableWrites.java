package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.record.Owner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What writers produced between two checkpoints: the owners whose rows are replaced (in every
 * table), the primary keys upserted or deleted per table, and the staged data files per table.
 * The staged files hold exactly the final rows of those owners and keys. Merging is a union.
 */
public final class TableWrites {
    private final Set<Owner> owners;
    private final Map<String, Set<String>> keysByTable;
    private final Map<String, List<StagedFile>> filesByTable;

    public TableWrites(Collection<Owner> owners, Map<String, ? extends Collection<String>> keysByTable,
                       Map<String, List<StagedFile>> filesByTable) {
        this.owners = new TreeSet<>(owners);
        this.keysByTable = new TreeMap<>();
        keysByTable.forEach((table, keys) -> {
            if (!keys.isEmpty()) {
                this.keysByTable.put(table, new TreeSet<>(keys));
            }
        });
        this.filesByTable = new TreeMap<>();
        filesByTable.forEach((table, files) -> this.filesByTable.put(table, new ArrayList<>(files)));
    }

    public Set<Owner> owners() {
        return owners;
    }

    public Map<String, Set<String>> keysByTable() {
        return keysByTable;
    }

    public Set<String> keys(String table) {
        return keysByTable.getOrDefault(table, Set.of());
    }

    public Map<String, List<StagedFile>> filesByTable() {
        return filesByTable;
    }

    public List<StagedFile> files(String table) {
        return filesByTable.getOrDefault(table, List.of());
    }

    public boolean isEmpty() {
        return owners.isEmpty() && keysByTable.isEmpty() && filesByTable.values().stream().allMatch(List::isEmpty);
    }

    public TableWrites merge(TableWrites other) {
        TableWrites merged = new TableWrites(owners, keysByTable, filesByTable);
        merged.owners.addAll(other.owners);
        other.keysByTable.forEach((t, k) -> merged.keysByTable.computeIfAbsent(t, x -> new TreeSet<>()).addAll(k));
        other.filesByTable.forEach((t, f) -> merged.filesByTable.computeIfAbsent(t, k -> new ArrayList<>()).addAll(f));
        return merged;
    }
}
