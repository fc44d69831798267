package io.codeanatomy.delta.kernel.parquet;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.kernel.arrow.ArrowBatch;

import io.delta.kernel.expressions.Column;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.DataFileStatus;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes a table's Arrow batches as Parquet data files, a new file whenever one reaches the target
 * size, and returns them with their Delta statistics. It writes what Kernel's default Parquet writer
 * writes for the sink's tables (same Parquet schema, compression, dictionary rules and statistics;
 * {@code DataFileWriterTest} compares the two; but no dictionary for a column the table declares
 * mostly distinct) without its costs: Kernel's writer makes a Hadoop configuration for every file
 * (parsing Hadoop's default XML), decodes every string to a Java String and encodes it again, hands
 * Parquet a row at a time, and reopens each file to read back the footer it has just written. Here
 * one configuration serves every file, strings stay UTF-8 bytes, the file is encoded a column at a
 * time ({@link ArrowParquetFile}), and the statistics come from the footer in memory.
 *
 * <p>The size of a file is checked every {@value #ROWS_PER_SIZE_CHECK} rows, so a file ends at the
 * first such step past the target size (Parquet's writer checks after every row).
 *
 * <p>Not thread-safe: one writer per thread (each sink writer has its own per table).
 *
 * <p>Files on the local file system are written with java.nio, not through Hadoop: Hadoop's local
 * file system sets every new file's permissions by running {@code chmod} in a child process (without
 * Hadoop's native library, which the jar does not ship), a fork per data file.
 */
public final class DataFileWriter {
    /** Rows written between two checks of a file's size against the target. */
    static final int ROWS_PER_SIZE_CHECK = 128;
    private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter();
    private final TableCodecs codecs;
    private final StructType schema;
    private final Configuration conf;
    private final long targetFileBytes;
    /** Parquet's defaults (as a {@link org.apache.parquet.hadoop.ParquetWriter} has them): checksums, index and statistics bounds. */
    private final ParquetProperties properties;
    /**
     * One compressor for every file this writer writes: a Parquet writer makes its own codec factory
     * otherwise, and with it a compressor whose 1 MB output buffer is new for every file (1.3 GB
     * allocated for the standard library's ~1,200 files). Files are written one after the other, as
     * the columns of one file share a compressor. Never released: Zstandard's holds no pooled or
     * native resource (its stream is made and closed per page), so the collector frees it.
     */
    private final BytesInputCompressor compressor;

    public DataFileWriter(TableCodecs codecs, Configuration conf, CompressionCodecName compression, long targetFileBytes) {
        this.codecs = codecs;
        this.schema = codecs.deltaSchema();
        this.conf = conf;
        this.targetFileBytes = targetFileBytes;
        this.properties = ParquetProperties.builder().build();
        this.compressor = new CodecFactory(conf, properties.getPageSizeThreshold()).getCompressor(compression);
    }

    /** Writes every row of the batches, in order, into new files under {@code directory}. */
    public List<DataFileStatus> write(String directory, List<Column> statsColumns, Iterator<ArrowBatch> batches)
            throws IOException {
        List<DataFileStatus> files = new ArrayList<>();
        ArrowBatch batch = null;
        int next = 0;
        FileSystem fs = null;
        boolean local = false;
        while (true) {
            while (batch == null || next == batch.getSize()) {
                if (!batches.hasNext()) {
                    return files;
                }
                batch = batches.next();
                next = 0;
            }
            Path path = new Path(directory, UUID.randomUUID() + "-000.parquet");
            if (fs == null) {
                fs = path.getFileSystem(conf);
                local = "file".equals(fs.getUri().getScheme());
                if (local) {
                    Files.createDirectories(localPath(path).getParent());
                }
            }
            java.nio.file.Path localFile = local ? localPath(path) : null;
            OutputFile out = local ? new LocalOutputFile(localFile) : HadoopOutputFile.fromPath(path, conf);
            ParquetMetadata footer;
            try (ArrowParquetFile file = new ArrowParquetFile(out, codecs, properties, compressor)) {
                do {
                    if (next == batch.getSize()) {
                        batch = batches.hasNext() ? batches.next() : null;
                        next = 0;
                        continue;
                    }
                    int to = Math.min(batch.getSize(), next + ROWS_PER_SIZE_CHECK);
                    file.write(batch, next, to);
                    next = to;
                } while (batch != null && file.dataSize() < targetFileBytes);
                footer = file.finish();
            }
            long size;
            long modified;
            if (local) {
                size = Files.size(localFile);
                modified = Files.getLastModifiedTime(localFile).toMillis();
            } else {
                FileStatus status = fs.getFileStatus(path);
                size = status.getLen();
                modified = status.getModificationTime();
            }
            files.add(new DataFileStatus(fs.makeQualified(path).toString(), size, modified,
                    Optional.of(FooterStatistics.of(asStored(footer), codecs, schema, statsColumns))));
        }
    }

    private static java.nio.file.Path localPath(Path path) {
        return java.nio.file.Path.of(path.toUri().getPath());
    }

    /**
     * The footer as a reader of the file sees it. Parquet's metadata conversion drops some bounds on
     * the way to the file (values over 4 KB, NaN in floating-point columns), and Delta's statistics
     * must be those of the file, as Kernel's writer (which reads the file back) gives them.
     */
    private static ParquetMetadata asStored(ParquetMetadata footer) throws IOException {
        return CONVERTER.fromParquetMetadata(CONVERTER.toParquetMetadata(ParquetFileWriter.CURRENT_VERSION, footer));
    }
}
