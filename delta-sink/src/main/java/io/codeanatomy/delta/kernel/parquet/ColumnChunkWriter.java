package io.codeanatomy.delta.kernel.parquet;

import io.codeanatomy.delta.kernel.arrow.ArrowBatch;

import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ParquetFileWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One column chunk of a data file (a flat column: no repetition levels), built a batch range at a
 * time and held as compressed version-1 data pages until the file writes its row group: a page per
 * {@value #PAGE_ROWS} rows or {@link ParquetProperties#DEFAULT_PAGE_SIZE} bytes of values, whichever
 * comes first (Parquet's own defaults), definition levels for an optional column as Parquet's
 * run-length/bit-packed hybrid, the values by its {@link PageValues}.
 */
final class ColumnChunkWriter {
    /** Rows per page at most (Parquet's default page row count limit). */
    static final int PAGE_ROWS = ParquetProperties.DEFAULT_PAGE_ROW_COUNT_LIMIT;
    private static final int PAGE_BYTES = ParquetProperties.DEFAULT_PAGE_SIZE;

    private record Page(BytesInput compressed, int uncompressedSize, int rows, Statistics<?> statistics, Encoding encoding) {
    }

    private final ColumnDescriptor descriptor;
    private final PageValues values;
    private final BytesInputCompressor compressor;
    /** The current page's definition levels (null for a required column, which has none). */
    private final RunLengthBitPackingHybridEncoder levels;
    private final List<Page> pages = new ArrayList<>();
    private int pageRows;
    private int pageNulls;
    private long rows;
    private long compressedBytes;

    ColumnChunkWriter(ColumnDescriptor descriptor, boolean dictionary, BytesInputCompressor compressor) {
        this.descriptor = descriptor;
        this.values = PageValues.of(descriptor.getPrimitiveType(), dictionary);
        this.compressor = compressor;
        this.levels = descriptor.getMaxDefinitionLevel() == 0 ? null
                : new RunLengthBitPackingHybridEncoder(1, 64, PAGE_BYTES, HeapByteBufferAllocator.getInstance());
    }

    /** Adds the batch's rows {@code [from, to)} of column {@code column}. */
    void write(ArrowBatch batch, int column, int from, int to) throws IOException {
        while (from < to) {
            int end = Math.min(to, from + PAGE_ROWS - pageRows);
            if (levels != null) {
                writeLevels(batch, column, from, end);
            }
            values.add(batch, column, from, end);
            pageRows += end - from;
            rows += end - from;
            from = end;
            if (pageRows == PAGE_ROWS || values.pageBytes() >= PAGE_BYTES) {
                finishPage();
            }
        }
    }

    private void writeLevels(ArrowBatch batch, int column, int from, int to) throws IOException {
        FieldVector vector = batch.vector(column);
        for (int i = from; i < to; i++) {
            boolean isNull = vector.isNull(batch.row(i));
            levels.writeInt(isNull ? 0 : 1);
            pageNulls += isNull ? 1 : 0;
        }
    }

    private void finishPage() throws IOException {
        if (pageRows == 0) {
            return;
        }
        PageValues.Encoded encoded = values.finishPage();
        BytesInput page = encoded.bytes();
        if (levels != null) {
            BytesInput rle = levels.toBytes();
            page = BytesInput.concat(BytesInput.fromInt(Math.toIntExact(rle.size())), rle, page);
        }
        int uncompressedSize = Math.toIntExact(page.size());
        BytesInput compressed = BytesInput.copy(compressor.compress(page)); // the compressor reuses its buffer
        if (levels != null) {
            levels.reset();
        }
        encoded.statistics().incrementNumNulls(pageNulls);
        pages.add(new Page(compressed, uncompressedSize, pageRows, encoded.statistics(), encoded.encoding()));
        compressedBytes += compressed.size();
        pageRows = 0;
        pageNulls = 0;
    }

    /** Bytes the chunk would take if written now (compressed pages, the current page and the dictionary uncompressed). */
    long bufferedBytes() {
        return compressedBytes + values.pageBytes() + values.dictionaryBytes() + (levels == null ? 0 : levels.getBufferedSize());
    }

    /** Writes the chunk into the file's open row group: its dictionary page, if any, then its data pages. */
    void writeTo(ParquetFileWriter file) throws IOException {
        finishPage();
        file.startColumn(descriptor, rows, compressor.getCodecName());
        DictionaryPage dictionary = values.dictionaryPage();
        if (dictionary != null) {
            BytesInput compressed = BytesInput.copy(compressor.compress(dictionary.getBytes()));
            file.writeDictionaryPage(new DictionaryPage(compressed, Math.toIntExact(dictionary.getBytes().size()),
                    dictionary.getDictionarySize(), dictionary.getEncoding()));
        }
        Encoding levelEncoding = levels == null ? Encoding.BIT_PACKED : Encoding.RLE; // as Parquet's version-1 pages name them
        for (Page page : pages) {
            file.writeDataPage(page.rows, page.uncompressedSize, page.compressed, page.statistics, page.rows,
                    Encoding.BIT_PACKED, levelEncoding, page.encoding);
        }
        file.endColumn();
    }

    /** Releases the level encoder's buffers. */
    void close() {
        if (levels != null) {
            levels.close();
        }
    }
}
