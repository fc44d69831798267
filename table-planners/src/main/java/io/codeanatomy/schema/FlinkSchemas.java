package io.codeanatomy.schema;

import io.codeanatomy.delta.schema.ColumnSpec;
import io.codeanatomy.delta.schema.ColumnType;
import io.codeanatomy.delta.schema.TableSpec;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.DataType;

/**
 * The Flink SQL side of the schema registry: a table spec as a Flink schema (types, NOT NULL, the
 * primary key NOT ENFORCED, column comments), and a stored value as Flink's internal value. The one
 * place that maps {@link ColumnType} to Flink.
 */
public final class FlinkSchemas {
    private FlinkSchemas() {
    }

    public static DataType dataType(ColumnSpec column) {
        DataType type = switch (column.type()) {
            case STRING -> DataTypes.STRING();
            case LONG -> DataTypes.BIGINT();
            case INT -> DataTypes.INT();
            case BOOLEAN -> DataTypes.BOOLEAN();
            case DOUBLE -> DataTypes.DOUBLE();
        };
        return column.nullable() ? type.nullable() : type.notNull();
    }

    /** The table's schema; the primary key is declared only when all its columns are NOT NULL (Flink requires it). */
    public static Schema schema(TableSpec spec) {
        Schema.Builder b = Schema.newBuilder();
        for (ColumnSpec c : spec.columns()) {
            b.column(c.name(), dataType(c)).withComment(c.doc());
        }
        if (!spec.primaryKey().isEmpty()
                && spec.primaryKey().stream().noneMatch(k -> spec.columns().get(spec.index(k)).nullable())) {
            b.primaryKeyNamed("pk_" + spec.name(), spec.primaryKey());
        }
        return b.build();
    }

    /** The schema of a view's declared columns (no key). */
    public static Schema schema(java.util.List<ColumnSpec> columns) {
        Schema.Builder b = Schema.newBuilder();
        for (ColumnSpec c : columns) {
            b.column(c.name(), dataType(c)).withComment(c.doc());
        }
        return b.build();
    }

    /** A stored value (as the Delta codecs read it) as Flink's internal representation. */
    public static Object internal(ColumnType type, Object value) {
        if (value == null) {
            return null;
        }
        return type == ColumnType.STRING ? StringData.fromString((String) value) : value;
    }
}
