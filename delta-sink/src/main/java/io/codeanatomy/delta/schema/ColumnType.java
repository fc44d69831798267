package io.codeanatomy.delta.schema;

/**
 * The column types the sink supports, each with the Java class of its values. Deliberately plain:
 * how a type is encoded (binary, Arrow, Delta, later Flink SQL) is the job of
 * {@code io.codeanatomy.delta.column.ColumnCodec}, so code that only declares tables needs no
 * storage library.
 */
public enum ColumnType {
    STRING(String.class),
    LONG(Long.class),
    INT(Integer.class),
    BOOLEAN(Boolean.class),
    DOUBLE(Double.class);

    private final Class<?> javaClass;

    ColumnType(Class<?> javaClass) {
        this.javaClass = javaClass;
    }

    public Class<?> javaClass() {
        return javaClass;
    }
}
