package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.kernel.parquet.DataFileWriter;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.engine.hadoopio.HadoopFileIO;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.MetricsReporter;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.util.List;

/**
 * Kernel's default engine, plus the sink's own Parquet data-file writer configured like it (the
 * engine's Hadoop settings, compression and target file size), and Kernel's metrics reports logged at
 * DEBUG ({@link MetricsReportLog}). Everything else is Kernel's.
 */
public final class SinkEngine extends DefaultEngine {
    private final Configuration conf;
    private final long targetFileBytes;

    SinkEngine(Configuration conf, long targetFileBytes) {
        super(new HadoopFileIO(conf));
        this.conf = conf;
        this.targetFileBytes = targetFileBytes;
    }

    @Override
    public List<MetricsReporter> getMetricsReporters() {
        return List.of(MetricsReportLog.INSTANCE);
    }

    /** The data-file writer of an engine made by {@link EngineFactory}, for one table. */
    static DataFileWriter dataFileWriter(Engine engine, TableCodecs codecs) {
        if (!(engine instanceof SinkEngine sink)) {
            throw new IllegalArgumentException("the sink writes data files with an engine from EngineFactory, not " + engine.getClass().getName());
        }
        return new DataFileWriter(codecs, sink.conf, CompressionCodecName.valueOf(EngineFactory.PARQUET_COMPRESSION), sink.targetFileBytes);
    }
}
