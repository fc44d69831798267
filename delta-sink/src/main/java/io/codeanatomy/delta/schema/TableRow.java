package io.codeanatomy.delta.schema;

import java.util.List;

/**
 * A row of value arrays read by column name and type, for code that inspects rows (readers,
 * tests) rather than building them: {@code spec.row(values).string("kind")} instead of
 * {@code (String) values[spec.index("kind")]}. An unknown column or a getter of the wrong type
 * fails with the table, the column and its type in the message. Null values come back as null.
 */
public record TableRow(TableSpec spec, Object[] values) {

    /** Views every row of a table. */
    public static List<TableRow> all(TableSpec spec, List<Object[]> rows) {
        return rows.stream().map(values -> new TableRow(spec, values)).toList();
    }

    /** The value of any column, whatever its type. */
    public Object get(String column) {
        return values[spec.index(column)];
    }

    public boolean isNull(String column) {
        return get(column) == null;
    }

    public String string(String column) {
        return (String) typed(column, ColumnType.STRING);
    }

    public Long longValue(String column) {
        return (Long) typed(column, ColumnType.LONG);
    }

    public Integer intValue(String column) {
        return (Integer) typed(column, ColumnType.INT);
    }

    public Boolean bool(String column) {
        return (Boolean) typed(column, ColumnType.BOOLEAN);
    }

    public Double dbl(String column) {
        return (Double) typed(column, ColumnType.DOUBLE);
    }

    private Object typed(String column, ColumnType expected) {
        int i = spec.index(column);
        ColumnType actual = spec.columns().get(i).type();
        if (actual != expected) {
            throw new IllegalArgumentException("table " + spec.name() + ": column " + column + " is " + actual
                    + ", not " + expected);
        }
        return values[i];
    }
}
