package io.codeanatomy.delta.kernel.parquet;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.kernel.arrow.ArrowBatch;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One Parquet data file, written column by column: each batch range goes to each column's
 * {@link ColumnChunkWriter} in turn (one loop over one vector per column), and the chunks are laid
 * out as one row group when the file is finished. Parquet's own writers take a row at a time and a
 * call per value (levels, statistics, dictionary, each through a virtual call); the sink has a
 * file's rows in Arrow already, sorted, so it encodes them a column at a time. A file is one row
 * group: the sink rolls to a new file at its target size, so a second group would only split a file
 * a reader reads whole.
 *
 * <p>The encodings and statistics are those Parquet's writer gives the same rows, page boundaries
 * aside ({@code DataFileWriterTest} compares them with Kernel's writer's).
 */
final class ArrowParquetFile implements AutoCloseable {
    /** Key of the file metadata entry naming the writer, as Kernel's writer names itself. */
    static final String WRITER_KEY = "io.codeanatomy.delta.parquet-writer";
    private static final Map<String, String> METADATA = Map.of(
            WRITER_KEY, "CodeAnatomy",
            ParquetWriter.OBJECT_MODEL_NAME_PROP, "codeanatomy-arrow");

    private final ParquetFileWriter file;
    private final ColumnChunkWriter[] chunks;
    private long rows;
    private boolean closed;

    ArrowParquetFile(OutputFile out, TableCodecs codecs, ParquetProperties properties, BytesInputCompressor compressor)
            throws IOException {
        MessageType schema = codecs.parquetSchema();
        this.file = new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.CREATE, ParquetWriter.DEFAULT_BLOCK_SIZE,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, properties);
        file.start();
        List<ColumnDescriptor> descriptors = schema.getColumns();
        this.chunks = new ColumnChunkWriter[descriptors.size()];
        for (int c = 0; c < chunks.length; c++) {
            chunks[c] = new ColumnChunkWriter(descriptors.get(c), codecs.dictionaryEncoded(c), compressor);
        }
    }

    /** Writes the batch's rows {@code [from, to)}. */
    void write(ArrowBatch batch, int from, int to) throws IOException {
        for (int c = 0; c < chunks.length; c++) {
            chunks[c].write(batch, c, from, to);
        }
        rows += to - from;
    }

    /** Bytes the file would have if finished now, about (compressed pages, open pages and dictionaries as they stand). */
    long dataSize() {
        long total = 0;
        for (ColumnChunkWriter chunk : chunks) {
            total += chunk.bufferedBytes();
        }
        return total;
    }

    /** Writes the row group and the footer, and closes the file; returns the footer. */
    ParquetMetadata finish() throws IOException {
        try {
            if (rows > 0) {
                file.startBlock(rows);
                for (ColumnChunkWriter chunk : chunks) {
                    chunk.writeTo(file);
                }
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
                for (ColumnChunkWriter chunk : chunks) {
                    chunk.close();
                }
            } finally {
                file.close();
            }
        }
    }
}
