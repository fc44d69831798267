package io.codeanatomy.delta.kernel.parquet;

import io.codeanatomy.delta.column.ColumnCodec;
import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.kernel.arrow.ArrowBatch;

import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One Parquet data file, written row by row straight into Parquet's column writers: each value goes
 * from its Arrow vector to its column's writer through the column's codec, with none of the
 * record-assembly layer a {@link ParquetWriter} puts between (field names, levels and missing-field
 * bookkeeping per value, for nested schemas the sink's flat tables do not have). A file is one row
 * group: the sink rolls to a new file at its target size, so a second group would only split a file
 * a reader reads whole.
 *
 * <p>The file's bytes are those a {@link ParquetWriter} with the same properties writes for one row
 * group ({@code DataFileWriterTest} compares the files with Kernel's writer's).
 */
final class ArrowParquetFile implements AutoCloseable {
    /** Key of the file metadata entry naming the writer, as Kernel's writer names itself. */
    static final String WRITER_KEY = "io.codeanatomy.delta.parquet-writer";
    private static final Map<String, String> METADATA = Map.of(
            WRITER_KEY, "CodeAnatomy",
            ParquetWriter.OBJECT_MODEL_NAME_PROP, "codeanatomy-arrow");

    private final TableCodecs codecs;
    private final ParquetFileWriter file;
    private final ColumnChunkPageWriteStore pages;
    private final ColumnWriteStore columns;
    private final ColumnWriter[] writers;
    private final int[] definitionLevels;
    /** The last batch's vectors, by column (looked up once per batch, not once per value). */
    private final FieldVector[] vectors;
    /** Per column, what its codec returned for the last value written, and that value's run. */
    private final Object[] lastWritten;
    private final int[] lastRun;
    private ArrowBatch lastBatch;
    private long rows;
    private boolean closed;

    ArrowParquetFile(OutputFile out, TableCodecs codecs, ParquetProperties properties, BytesInputCompressor compressor)
            throws IOException {
        this.codecs = codecs;
        MessageType schema = codecs.parquetSchema();
        this.file = new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.CREATE, ParquetWriter.DEFAULT_BLOCK_SIZE,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, properties);
        file.start();
        this.pages = new ColumnChunkPageWriteStore(compressor, schema, properties.getAllocator(),
                properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled(), null, 0);
        this.columns = properties.newColumnWriteStore(schema, pages, pages);
        List<ColumnDescriptor> descriptors = schema.getColumns();
        this.writers = new ColumnWriter[descriptors.size()];
        this.definitionLevels = new int[descriptors.size()];
        for (int c = 0; c < writers.length; c++) {
            writers[c] = columns.getColumnWriter(descriptors.get(c));
            definitionLevels[c] = descriptors.get(c).getMaxDefinitionLevel();
        }
        this.vectors = new FieldVector[writers.length];
        this.lastWritten = new Object[writers.length];
        this.lastRun = new int[writers.length];
    }

    /** Writes the batch's row {@code rowId}. */
    void write(ArrowBatch batch, int rowId) {
        if (batch != lastBatch) {
            if (!batch.sameFill(lastBatch)) {
                java.util.Arrays.fill(lastWritten, null); // runs of another fill say nothing about this one's
            }
            lastBatch = batch;
            for (int c = 0; c < vectors.length; c++) {
                vectors[c] = batch.vector(c);
            }
        }
        int row = batch.row(rowId);
        for (int c = 0; c < writers.length; c++) {
            FieldVector vector = vectors[c];
            // A required column (definition level 0) has no nulls: the rows were validated.
            if (definitionLevels[c] != 0 && vector.isNull(row)) {
                writers[c].writeNull(0, 0); // a flat schema: no repetition, and a null is defined to level 0
                continue;
            }
            ColumnCodec codec = codecs.column(c);
            int run = batch.run(c, rowId);
            Object repeated = run != ArrowBatch.NO_RUN && run == lastRun[c] ? lastWritten[c] : null;
            lastWritten[c] = codec.writeParquet(vector, row, writers[c], definitionLevels[c], repeated);
            lastRun[c] = run;
        }
        columns.endRecord();
        rows++;
    }

    /**
     * Bytes the file has so far, as {@link ParquetWriter#getDataSize()} counts them (the column store's
     * buffered size), summed over the column writers at hand: the store walks a tree map for it, and
     * this is asked after every row.
     */
    long dataSize() {
        long total = 0;
        for (ColumnWriter writer : writers) {
            total += writer.getBufferedSizeInMemory();
        }
        return total;
    }

    /** Writes the row group and the footer, and closes the file; returns the footer. */
    ParquetMetadata finish() throws IOException {
        try {
            if (rows > 0) {
                file.startBlock(rows);
                columns.flush();
                pages.flushToFileWriter(file);
                file.endBlock();
            }
            file.end(METADATA);
            return file.getFooter();
        } finally {
            close();
        }
    }

    /** Releases the column buffers and closes the file, finished or not (an abandoned file is incomplete). */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                columns.close();
                pages.close();
            } finally {
                file.close();
            }
        }
    }
}
