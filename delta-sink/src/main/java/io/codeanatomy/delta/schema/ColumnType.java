package io.codeanatomy.delta.schema;

import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;

/** The column types the sink supports, each with its Delta type and Java value class. */
public enum ColumnType {
    STRING(StringType.STRING, String.class),
    LONG(LongType.LONG, Long.class),
    INT(IntegerType.INTEGER, Integer.class),
    BOOLEAN(BooleanType.BOOLEAN, Boolean.class),
    DOUBLE(DoubleType.DOUBLE, Double.class);

    private final DataType deltaType;
    private final Class<?> javaClass;

    ColumnType(DataType deltaType, Class<?> javaClass) {
        this.deltaType = deltaType;
        this.javaClass = javaClass;
    }

    public DataType deltaType() {
        return deltaType;
    }

    public Class<?> javaClass() {
        return javaClass;
    }
}
