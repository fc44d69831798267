package io.codeanatomy.evidence;

/**
 * The types a node or edge property can have, with their stable tag in evidence and their
 * {@code value_type} in {@code cpg_props}: the one place that decides a property value's type.
 */
public enum PropType implements StableCode {
    STRING(0, "string"), LONG(1, "long"), BOOL(2, "bool");

    private final int code;
    /** The {@code value_type} column's value, and the suffix of the {@code value_*} column that holds it. */
    public final String columnName;

    PropType(int code, String columnName) {
        this.code = code;
        this.columnName = columnName;
    }

    @Override
    public int code() {
        return code;
    }

    /** Booleans and integral numbers keep their type; anything else is its string form. */
    public static PropType of(Object value) {
        if (value instanceof Boolean) {
            return BOOL;
        }
        return value instanceof Long || value instanceof Integer ? LONG : STRING;
    }

    /** The value in this type's Java form (Boolean, Long or String). */
    public Object normalize(Object value) {
        return switch (this) {
            case BOOL -> value;
            case LONG -> ((Number) value).longValue();
            case STRING -> String.valueOf(value);
        };
    }
}
