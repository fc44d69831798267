package io.codeanatomy.delta.schema;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table the sink writes: its columns, primary key and owner columns. Storage-neutral: the Delta
 * schema and the encodings follow from the column types ({@code io.codeanatomy.delta.column.TableCodecs}).
 *
 * <p>In an owned table every row is owned by exactly one source file, named by the owner columns
 * (repo, path): a new version of the owner replaces all of its rows, a delete removes them. An
 * unowned table (the sink's own {@code commits} log) is only appended to.
 *
 * <p>A table <em>maintained by key</em> is owned (its rows name a file and are laid out by it) but a
 * new version or a delete of the owner leaves its rows alone: only upserts and deleted keys change
 * them. Cross-file edges are such rows: the file's change does not decide them, the linker that
 * sees every file does.
 */
public final class TableSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Between the values of a primary key of several columns, in its one-string form ({@link #keyOf}). */
    public static final char KEY_SEPARATOR = '\u0000';

    private final String name;
    private final String doc;
    private final List<ColumnSpec> columns;
    private final List<String> primaryKey;
    private final List<String> ownerColumns;
    private final Map<String, Integer> indexByName;
    /**
     * Column names in an open-addressed table by their String hash (cached in every String), and their
     * positions beside them: row builders look a column up per value, with literal names.
     */
    private final String[] slotNames;
    private final int[] slotIndexes;
    private final int[] keyIndexes;
    private final boolean maintainedByKey;
    private final List<String> distinctColumns;
    /** Positions of the owner columns, -1 for an unowned table: asked for every row the writer buffers. */
    private final int repoIndex;
    private final int pathIndex;

    private TableSpec(String name, String doc, List<ColumnSpec> columns, List<String> primaryKey,
                      List<String> ownerColumns, boolean maintainedByKey, List<String> distinctColumns) {
        this.name = name;
        this.distinctColumns = List.copyOf(distinctColumns);
        this.maintainedByKey = maintainedByKey;
        this.doc = doc;
        this.columns = List.copyOf(columns);
        this.primaryKey = List.copyOf(primaryKey);
        this.ownerColumns = List.copyOf(ownerColumns);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (index.put(columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException("table " + name + ": column " + columns.get(i).name() + " declared twice");
            }
        }
        this.indexByName = index;
        int slots = Integer.highestOneBit(Math.max(4, columns.size()) * 4);
        this.slotNames = new String[slots];
        this.slotIndexes = new int[slots];
        for (int i = 0; i < columns.size(); i++) {
            int s = columns.get(i).name().hashCode() & (slots - 1);
            while (slotNames[s] != null) {
                s = (s + 1) & (slots - 1);
            }
            slotNames[s] = columns.get(i).name();
            slotIndexes[s] = i;
        }
        this.keyIndexes = primaryKey.stream().mapToInt(this::index).toArray();
        for (String key : primaryKey) {
            requireNonNullableColumn(key, "primary key");
        }
        for (String owner : ownerColumns) {
            ColumnSpec column = requireNonNullableColumn(owner, "owner");
            if (column.type() != ColumnType.STRING) {
                throw new IllegalArgumentException("table " + name + ": owner column " + owner + " must be STRING");
            }
        }
        if (ownerColumns.size() != 2 && !ownerColumns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + ": owner columns must be (repo, path), or none");
        }
        this.repoIndex = ownerColumns.isEmpty() ? -1 : index(ownerColumns.get(0));
        this.pathIndex = ownerColumns.isEmpty() ? -1 : index(ownerColumns.get(1));
        for (String column : distinctColumns) {
            if (!indexByName.containsKey(column)) {
                throw new IllegalArgumentException("table " + name + ": distinct column " + column + " is not a column");
            }
        }
        if (primaryKey.isEmpty()) {
            throw new IllegalArgumentException("table " + name + ": a primary key is required");
        }
        if (maintainedByKey && ownerColumns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + ": only an owned table can be maintained by key");
        }
    }

    private ColumnSpec requireNonNullableColumn(String column, String role) {
        Integer i = indexByName.get(column);
        if (i == null) {
            throw new IllegalArgumentException("table " + name + ": " + role + " column " + column + " is not a column");
        }
        ColumnSpec spec = columns.get(i);
        if (spec.nullable()) {
            throw new IllegalArgumentException("table " + name + ": " + role + " column " + column + " must not be nullable");
        }
        return spec;
    }

    public static Builder builder(String name, String doc) {
        return new Builder(name, doc);
    }

    public String name() {
        return name;
    }

    public String doc() {
        return doc;
    }

    public List<ColumnSpec> columns() {
        return columns;
    }

    public List<String> primaryKey() {
        return primaryKey;
    }

    public List<String> ownerColumns() {
        return ownerColumns;
    }

    /** Whether rows belong to source files (replaced with them); sink bookkeeping tables are not owned. */
    public boolean isOwned() {
        return !ownerColumns.isEmpty();
    }

    /**
     * Whether the column's values are nearly all different from row to row (ids, digests, per-file
     * text): an encoding that looks values up in a dictionary of the ones seen would only waste work.
     */
    public boolean isMostlyDistinct(int column) {
        return distinctColumns.contains(columns.get(column).name());
    }

    /** Whether a new version or a delete of a row's owner leaves the row (only upserts and deleted keys change it). */
    public boolean isMaintainedByKey() {
        return maintainedByKey;
    }

    /** Whether replacing or deleting an owner removes its rows from this table. */
    public boolean isReplacedWithOwner() {
        return isOwned() && !maintainedByKey;
    }

    public int width() {
        return columns.size();
    }

    /** Position of a column; fails loudly on a name that is not in the table. */
    public int index(String column) {
        // Literal names are interned: the identity check finds them in the first slot or the next.
        int mask = slotNames.length - 1;
        for (int s = column.hashCode() & mask; ; s = (s + 1) & mask) {
            String n = slotNames[s];
            if (n == column) {
                return slotIndexes[s];
            }
            if (n == null) {
                throw new IllegalArgumentException("table " + name + " has no column " + column);
            }
            if (n.equals(column)) {
                return slotIndexes[s];
            }
        }
    }

    /** A view of a row of this table that reads values by column name. */
    public TableRow row(Object[] values) {
        return new TableRow(this, values);
    }

    public int[] primaryKeyIndexes() {
        return keyIndexes.clone();
    }

    /**
     * The primary key of a row as one string (values joined by NUL), the form in which keys travel
     * from writers to the committer and are compared against stored rows.
     */
    public String keyOf(Object[] row) {
        int[] key = keyIndexes;
        if (key.length == 1) {
            return keyPart(row, 0);
        }
        String[] parts = new String[key.length];
        int length = key.length - 1;
        for (int i = 0; i < key.length; i++) {
            parts[i] = keyPart(row, i);
            length += parts[i].length();
        }
        // Sized up front: called for every row the writer buffers (cpg_props' keys have two parts).
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append(KEY_SEPARATOR);
            }
            sb.append(parts[i]);
        }
        return sb.toString();
    }

    /** How many columns the primary key has: a key is their values joined by {@link #KEY_SEPARATOR}. */
    public int keyParts() {
        return keyIndexes.length;
    }

    /** The value of the primary key's {@code part}-th column in {@code row}, as the key holds it. */
    public String keyPart(Object[] row, int part) {
        return String.valueOf(row[keyIndexes[part]]);
    }

    public int repoIndex() {
        requireOwned();
        return repoIndex;
    }

    public int pathIndex() {
        requireOwned();
        return pathIndex;
    }

    private void requireOwned() {
        if (repoIndex < 0) {
            throw new IllegalStateException("table " + name + " has no owner columns");
        }
    }

    /** Rejects a row that does not fit the schema before it can reach a Parquet file. */
    public void validate(Object[] row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("table " + name + ": row has " + row.length
                    + " values, the table has " + columns.size() + " columns");
        }
        for (int i = 0; i < row.length; i++) {
            ColumnSpec c = columns.get(i);
            Object v = row[i];
            if (v == null) {
                checkNullable(i);
            } else if (!c.type().javaClass().isInstance(v)) {
                throw new IllegalArgumentException("table " + name + ": column " + c.name() + " expects "
                        + c.type() + " but got " + v.getClass().getSimpleName());
            }
        }
    }

    /** Fails for a null in a column that is not nullable (Kernel does not enforce NOT NULL). */
    public void checkNullable(int column) {
        ColumnSpec c = columns.get(column);
        if (!c.nullable()) {
            throw new IllegalArgumentException("table " + name + ": null in non-nullable column " + c.name());
        }
    }

    /** Fluent construction so a registry reads like a schema. */
    public static final class Builder {
        private final String name;
        private final String doc;
        private final List<ColumnSpec> columns = new ArrayList<>();
        private List<String> primaryKey = Collections.emptyList();
        private List<String> ownerColumns = List.of("repo", "path");
        private boolean maintainedByKey;
        private List<String> distinctColumns = List.of();

        private Builder(String name, String doc) {
            this.name = name;
            this.doc = doc;
        }

        public Builder required(String column, ColumnType type, String doc) {
            columns.add(ColumnSpec.required(column, type, doc));
            return this;
        }

        public Builder optional(String column, ColumnType type, String doc) {
            columns.add(ColumnSpec.optional(column, type, doc));
            return this;
        }

        public Builder primaryKey(String... key) {
            this.primaryKey = List.of(key);
            return this;
        }

        public Builder owners(String repoColumn, String pathColumn) {
            this.ownerColumns = List.of(repoColumn, pathColumn);
            return this;
        }

        /** An append-only table whose rows belong to no source file. */
        public Builder unowned() {
            this.ownerColumns = List.of();
            return this;
        }

        /** Rows owned by a file but changed only by upserts and deleted keys, never by the owner's replace or delete. */
        public Builder maintainedByKey() {
            this.maintainedByKey = true;
            return this;
        }

        /** Columns whose values are nearly all different from row to row (see {@link TableSpec#isMostlyDistinct}). */
        public Builder mostlyDistinct(String... columns) {
            this.distinctColumns = List.of(columns);
            return this;
        }

        public TableSpec build() {
            return new TableSpec(name, doc, columns, primaryKey, ownerColumns, maintainedByKey, distinctColumns);
        }
    }
}
