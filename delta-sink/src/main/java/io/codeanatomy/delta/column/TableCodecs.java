package io.codeanatomy.delta.column;

import io.codeanatomy.delta.schema.ColumnSpec;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.types.StructType;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.util.List;

/** The codec of every column of one table, in column order, and what follows from them for the whole table. */
public final class TableCodecs {
    private final TableSpec spec;
    private final ColumnCodec[] codecs;

    private TableCodecs(TableSpec spec) {
        this.spec = spec;
        List<ColumnSpec> columns = spec.columns();
        this.codecs = new ColumnCodec[columns.size()];
        for (int c = 0; c < codecs.length; c++) {
            codecs[c] = ColumnCodec.of(columns.get(c).type());
        }
    }

    public static TableCodecs of(TableSpec spec) {
        return new TableCodecs(spec);
    }

    public int width() {
        return codecs.length;
    }

    public ColumnCodec column(int index) {
        return codecs[index];
    }

    /**
     * Whether a column's data pages are dictionary-encoded. Not for mostly distinct columns: Parquet
     * would hash every value into a dictionary only to find it no smaller than the values and write
     * them plain (ids were a tenth of the writer's time on the standard library).
     */
    public boolean dictionaryEncoded(int column) {
        return !spec.isMostlyDistinct(column);
    }

    /** The Delta schema of the table: the one mapping from table specs to Delta types. */
    public StructType deltaSchema() {
        StructType type = new StructType();
        for (int c = 0; c < codecs.length; c++) {
            ColumnSpec column = spec.columns().get(c);
            type = type.add(column.name(), codecs[c].deltaType(), column.nullable());
        }
        return type;
    }

    /** The Parquet schema of the table's data files: {@link #deltaSchema} as Kernel's writer lays it out. */
    public MessageType parquetSchema() {
        List<Type> fields = new java.util.ArrayList<>();
        for (int c = 0; c < codecs.length; c++) {
            ColumnSpec column = spec.columns().get(c);
            fields.add(codecs[c].parquetType(column.name(), column.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED));
        }
        return new MessageType("DefaultKernelSchema", fields);
    }
}
