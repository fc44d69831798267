package io.codeanatomy.delta.schema;

/** A test table with one column of every {@link ColumnType}, the optional ones nullable. */
public final class AllColumnTypes {
    public static final TableSpec SPEC = TableSpec.builder("t", "")
            .required("repo", ColumnType.STRING, "").required("path", ColumnType.STRING, "")
            .required("id", ColumnType.STRING, "").optional("n", ColumnType.LONG, "")
            .optional("i", ColumnType.INT, "").optional("b", ColumnType.BOOLEAN, "")
            .optional("d", ColumnType.DOUBLE, "")
            .primaryKey("id").build();

    private AllColumnTypes() {
    }
}
