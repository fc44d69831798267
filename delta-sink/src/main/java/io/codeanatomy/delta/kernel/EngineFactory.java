package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.kernel.localfs.NioLocalFileSystem;
import io.codeanatomy.delta.kernel.localfs.NioLocalFs;

import io.delta.kernel.engine.Engine;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.codec.ZstandardCodec;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Creates the Delta Kernel engine with the Hadoop settings the sink relies on. */
public final class EngineFactory {
    private EngineFactory() {
    }

    static {
        // Parquet caches one codec per compression for the whole class loader, configured by whoever asks
        // first. Asked inside a Flink task by code that gives it no Hadoop configuration, it makes one on
        // the task's class loader, which Flink closes when the job ends: every later read in the JVM (the
        // next SQL statement, a test) then fails. Asking first, with a configuration on this class's
        // loader, pins the cache to one that stays open.
        new CodecFactory(HadoopConf.create(), 0).getDecompressor(CompressionCodecName.ZSTD);
    }

    /** Data files roll at this size unless a sink asks for another. */
    public static final long DEFAULT_TARGET_FILE_BYTES = 128L * 1024 * 1024;

    /** The Parquet codec of every data file the sink and maintenance write. */
    public static final String PARQUET_COMPRESSION = "ZSTD";

    public static Engine create() {
        return create(DEFAULT_TARGET_FILE_BYTES);
    }

    /** An engine whose Parquet writer rolls to a new data file at {@code targetFileBytes}. */
    public static Engine create(long targetFileBytes) {
        return new SinkEngine(configuration(targetFileBytes), targetFileBytes);
    }

    /** The engine's Hadoop settings (Kernel's own Parquet writer, too, reads its settings from them). */
    static Configuration configuration(long targetFileBytes) {
        Configuration conf = HadoopConf.create();
        conf.setLong("delta.kernel.default.parquet.writer.targetMaxFileSize", targetFileBytes);
        // Zstandard instead of Kernel's default Snappy: smaller files for the same rows (bench/table-size.sh),
        // read by every Delta reader (Parquet's ZSTD codec; SparkReadsSinkTablesTest).
        conf.set("parquet.compression", PARQUET_COMPRESSION);
        // Level 1, not Parquet's default 3: on the standard library's rows it is faster and the files
        // are 5% smaller too (82.0 vs 86.2 MB for corpus M, docs/speed.md: pages are small).
        // A flink.hadoop.parquet.compression.codec.zstd.level in the configuration wins.
        conf.setIfUnset(ZstandardCodec.PARQUET_COMPRESS_ZSTD_LEVEL, "1");
        // No .crc sidecar per file on local disks: they double the file count and no reader needs them.
        // No shell command per permission or link status either (NioLocalFileSystem): Delta's log store
        // writes each commit through FileContext, the rest goes through FileSystem.
        conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        conf.set("fs.AbstractFileSystem.file.impl", NioLocalFs.class.getName());
        return conf;
    }
}
