package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructType;

import java.util.List;

/** A Kernel columnar batch over rows the sink buffered, read column by column by the Parquet writer. */
final class RowBatch implements ColumnarBatch {
    private final TableSpec spec;
    private final StructType schema;
    private final List<Object[]> rows;

    RowBatch(TableSpec spec, List<Object[]> rows) {
        this.spec = spec;
        this.schema = spec.deltaSchema();
        this.rows = rows;
    }

    @Override
    public StructType getSchema() {
        return schema;
    }

    @Override
    public ColumnVector getColumnVector(int ordinal) {
        return new Column(spec.columns().get(ordinal).type().deltaType(), ordinal);
    }

    @Override
    public int getSize() {
        return rows.size();
    }

    private final class Column implements ColumnVector {
        private final DataType type;
        private final int ordinal;

        Column(DataType type, int ordinal) {
            this.type = type;
            this.ordinal = ordinal;
        }

        private Object value(int rowId) {
            return rows.get(rowId)[ordinal];
        }

        @Override
        public DataType getDataType() {
            return type;
        }

        @Override
        public int getSize() {
            return rows.size();
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isNullAt(int rowId) {
            return value(rowId) == null;
        }

        @Override
        public boolean getBoolean(int rowId) {
            return (Boolean) value(rowId);
        }

        @Override
        public int getInt(int rowId) {
            return (Integer) value(rowId);
        }

        @Override
        public long getLong(int rowId) {
            return (Long) value(rowId);
        }

        @Override
        public double getDouble(int rowId) {
            return (Double) value(rowId);
        }

        @Override
        public String getString(int rowId) {
            return (String) value(rowId);
        }
    }
}
