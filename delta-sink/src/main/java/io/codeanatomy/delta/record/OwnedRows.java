package io.codeanatomy.delta.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One change to the tables, as one record: what a source file contributes, or row-level upserts.
 *
 * <ul>
 *   <li>{@link Op#REPLACE}: the owner's rows in every table become exactly {@code rows}.</li>
 *   <li>{@link Op#DELETE}: the owner's rows are removed from every table.</li>
 *   <li>{@link Op#UPSERT}: {@code rows} replace the rows with the same primary key (or are added),
 *       and {@code deletedKeys} are removed, while their owners' other rows stay. For rows that change
 *       while their owner file does not, such as cross-file edges.</li>
 * </ul>
 * {@code released} owners lose all their rows in the same commit: a rename is a REPLACE of the new
 * path that releases the old one. Carrying a whole change in one record is what makes it atomic.
 */
public final class OwnedRows {

    public enum Op { REPLACE, DELETE, UPSERT }

    private final Owner owner;
    private final Op op;
    private final List<Owner> released;
    /** Per table, the rows as value arrays; for a record as received, null until {@link #rows} decodes them. */
    private final List<List<Object[]>> rowsByTable;
    /** Per table, the rows as received ({@link OwnedRowsSerializer}), or null for a record built here. */
    private final List<EncodedRows> encodedByTable;
    private final List<List<String>> deletedKeysByTable;

    public OwnedRows(Owner owner, Op op, List<Owner> released, List<List<Object[]>> rowsByTable,
                     List<List<String>> deletedKeysByTable) {
        this(owner, op, released, Objects.requireNonNull(rowsByTable, "rowsByTable"), null, deletedKeysByTable);
    }

    private OwnedRows(Owner owner, Op op, List<Owner> released, List<List<Object[]>> rowsByTable,
                      List<EncodedRows> encodedByTable, List<List<String>> deletedKeysByTable) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.op = Objects.requireNonNull(op, "op");
        this.released = List.copyOf(released);
        this.rowsByTable = rowsByTable;
        this.encodedByTable = encodedByTable;
        this.deletedKeysByTable = Objects.requireNonNull(deletedKeysByTable, "deletedKeysByTable");
        if (op == Op.DELETE && rowCount() > 0) {
            throw new IllegalArgumentException("a DELETE of " + owner + " cannot carry rows");
        }
        if (op != Op.UPSERT && deletedKeysByTable.stream().anyMatch(k -> !k.isEmpty())) {
            throw new IllegalArgumentException("only an UPSERT deletes by key");
        }
        if (released.contains(owner)) {
            throw new IllegalArgumentException(owner + " cannot release itself");
        }
    }

    public OwnedRows(Owner owner, Op op, List<List<Object[]>> rowsByTable) {
        this(owner, op, List.of(), rowsByTable, emptyKeys(rowsByTable.size()));
    }

    /** A record as the serializer received it: its rows stay encoded until someone asks for them. */
    static OwnedRows encoded(Owner owner, Op op, List<Owner> released, List<EncodedRows> encodedByTable,
                             List<List<String>> deletedKeysByTable) {
        List<List<Object[]>> decoded = new ArrayList<>(encodedByTable.size());
        for (int t = 0; t < encodedByTable.size(); t++) {
            decoded.add(null);
        }
        return new OwnedRows(owner, op, released, decoded, encodedByTable, deletedKeysByTable);
    }

    public static OwnedRows replace(Owner owner, List<List<Object[]>> rowsByTable) {
        return new OwnedRows(owner, Op.REPLACE, rowsByTable);
    }

    /** The rows of a file that moved: the old path's rows go in the same commit. */
    public static OwnedRows rename(Owner from, Owner to, List<List<Object[]>> rowsByTable) {
        return new OwnedRows(to, Op.REPLACE, List.of(from), rowsByTable, emptyKeys(rowsByTable.size()));
    }

    public static OwnedRows delete(Owner owner, int tableCount) {
        return new OwnedRows(owner, Op.DELETE, emptyTables(tableCount));
    }

    public static OwnedRows upsert(Owner cause, List<List<Object[]>> rowsByTable, List<List<String>> deletedKeysByTable) {
        return new OwnedRows(cause, Op.UPSERT, List.of(), rowsByTable, deletedKeysByTable);
    }

    public static List<List<Object[]>> emptyTables(int tableCount) {
        List<List<Object[]>> tables = new ArrayList<>(tableCount);
        for (int i = 0; i < tableCount; i++) {
            tables.add(new ArrayList<>());
        }
        return tables;
    }

    public static List<List<String>> emptyKeys(int tableCount) {
        List<List<String>> keys = new ArrayList<>(tableCount);
        for (int i = 0; i < tableCount; i++) {
            keys.add(new ArrayList<>());
        }
        return keys;
    }

    /** The file the change is about (for an UPSERT: the file whose change caused it). */
    public Owner owner() {
        return owner;
    }

    public Op op() {
        return op;
    }

    public List<Owner> released() {
        return released;
    }

    /** Rows for the table at a {@link io.codeanatomy.delta.schema.TableSet} position. */
    public List<Object[]> rows(int tablePosition) {
        List<Object[]> rows = rowsByTable.get(tablePosition);
        if (rows == null) {
            rows = encodedByTable.get(tablePosition).decode();
            rowsByTable.set(tablePosition, rows);
        }
        return rows;
    }

    /** The rows of a table as received, undecoded; null for a record built in this JVM. */
    public EncodedRows encoded(int tablePosition) {
        return encodedByTable == null ? null : encodedByTable.get(tablePosition);
    }

    public List<String> deletedKeys(int tablePosition) {
        return deletedKeysByTable.get(tablePosition);
    }

    public int tableCount() {
        return rowsByTable.size();
    }

    public long rowCount() {
        long n = 0;
        for (int t = 0; t < rowsByTable.size(); t++) {
            EncodedRows encoded = encoded(t);
            n += encoded != null ? encoded.count() : rowsByTable.get(t).size();
        }
        return n;
    }
}
