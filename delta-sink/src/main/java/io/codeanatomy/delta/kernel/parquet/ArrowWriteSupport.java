package io.codeanatomy.delta.kernel.parquet;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.kernel.arrow.ArrowBatch;

import org.apache.arrow.vector.FieldVector;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.util.Map;

/**
 * Hands rows of the current Arrow batch to Parquet's record writer (a record is a row index of the
 * batch), each value through its column's codec: strings go over as the UTF-8 bytes Arrow holds,
 * never decoded to a Java String and encoded again as Kernel's writer does.
 */
final class ArrowWriteSupport extends WriteSupport<Integer> {
    /** Key of the file metadata entry naming the writer, as Kernel's writer names itself. */
    static final String WRITER_KEY = "io.codeanatomy.delta.parquet-writer";

    private final TableCodecs codecs;
    private final MessageType schema;
    private final String[] names;
    /** Per column, what its codec returned for the last value written (see ColumnCodec#writeParquet). */
    private final Object[] previous;
    private RecordConsumer out;
    private ArrowBatch batch;

    ArrowWriteSupport(TableCodecs codecs) {
        this.codecs = codecs;
        this.schema = codecs.parquetSchema();
        this.names = new String[codecs.width()];
        this.previous = new Object[codecs.width()];
        for (int c = 0; c < names.length; c++) {
            names[c] = schema.getFieldName(c);
        }
    }

    /** The batch whose row indexes the next records are. */
    void use(ArrowBatch batch) {
        this.batch = batch;
    }

    @Override
    public String getName() {
        return "codeanatomy-arrow";
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return context();
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return context();
    }

    private WriteContext context() {
        return new WriteContext(schema, Map.of(WRITER_KEY, "CodeAnatomy"));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(Integer rowId) {
        int row = batch.row(rowId);
        out.startMessage();
        for (int c = 0; c < names.length; c++) {
            FieldVector vector = batch.vector(c);
            if (!vector.isNull(row)) {
                out.startField(names[c], c);
                previous[c] = codecs.column(c).writeParquet(vector, row, out, previous[c]);
                out.endField(names[c], c);
            }
        }
        out.endMessage();
    }
}
