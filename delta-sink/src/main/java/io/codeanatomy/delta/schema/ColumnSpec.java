package io.codeanatomy.delta.schema;

import java.io.Serializable;
import java.util.Objects;

/** One column: name, type, whether nulls are allowed, and what it means (for docs and SQL comments). */
public final class ColumnSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final ColumnType type;
    private final boolean nullable;
    private final String doc;

    public ColumnSpec(String name, ColumnType type, boolean nullable, String doc) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.nullable = nullable;
        this.doc = doc == null ? "" : doc;
    }

    public static ColumnSpec required(String name, ColumnType type, String doc) {
        return new ColumnSpec(name, type, false, doc);
    }

    public static ColumnSpec optional(String name, ColumnType type, String doc) {
        return new ColumnSpec(name, type, true, doc);
    }

    public String name() {
        return name;
    }

    public ColumnType type() {
        return type;
    }

    public boolean nullable() {
        return nullable;
    }

    public String doc() {
        return doc;
    }
}
