package io.codeanatomy.delta.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one source file contributes to the tables, as one record.
 *
 * <p>Carrying all of an owner's rows together is what makes a replace atomic: the sink removes the
 * owner's old rows and adds these in the same Delta commit. A {@link Op#DELETE} carries no rows.
 */
public final class OwnedRows {

    /** What happens to the owner's existing rows. */
    public enum Op { REPLACE, DELETE }

    private final Owner owner;
    private final Op op;
    private final List<List<Object[]>> rowsByTable;

    public OwnedRows(Owner owner, Op op, List<List<Object[]>> rowsByTable) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.op = Objects.requireNonNull(op, "op");
        this.rowsByTable = Objects.requireNonNull(rowsByTable, "rowsByTable");
        if (op == Op.DELETE && rowsByTable.stream().anyMatch(r -> !r.isEmpty())) {
            throw new IllegalArgumentException("a DELETE of " + owner + " cannot carry rows");
        }
    }

    public static OwnedRows delete(Owner owner, int tableCount) {
        return new OwnedRows(owner, Op.DELETE, emptyTables(tableCount));
    }

    public static List<List<Object[]>> emptyTables(int tableCount) {
        List<List<Object[]>> tables = new ArrayList<>(tableCount);
        for (int i = 0; i < tableCount; i++) {
            tables.add(new ArrayList<>());
        }
        return tables;
    }

    public Owner owner() {
        return owner;
    }

    public Op op() {
        return op;
    }

    /** Rows for the table at a {@link io.codeanatomy.delta.schema.TableSet} position. */
    public List<Object[]> rows(int tablePosition) {
        return rowsByTable.get(tablePosition);
    }

    public int tableCount() {
        return rowsByTable.size();
    }

    public long rowCount() {
        long n = 0;
        for (List<Object[]> rows : rowsByTable) {
            n += rows.size();
        }
        return n;
    }
}
