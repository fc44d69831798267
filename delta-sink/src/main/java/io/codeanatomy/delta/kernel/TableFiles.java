package io.codeanatomy.delta.kernel;

import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** How many data files a table version references and how many bytes they hold (from the Delta log, not the disk). */
public final class TableFiles {
    private TableFiles() {
    }

    public record Summary(int files, long bytes) {
    }

    public static Summary of(Engine engine, Snapshot snapshot) throws IOException {
        int files = 0;
        long bytes = 0;
        for (ActiveFile f : ActiveFiles.list(engine, snapshot.getScanBuilder().build(), null)) {
            files++;
            bytes += f.size;
        }
        return new Summary(files, bytes);
    }

    /**
     * Compressed bytes per column over every data file of the version, from the Parquet footers: where
     * a table's bytes go, for the size benchmark (footers and page headers outside column chunks are
     * not counted, so the sum is a little under the file bytes).
     */
    public static Map<String, Long> bytesByColumn(Engine engine, Snapshot snapshot) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        Configuration conf = HadoopConf.create();
        for (ActiveFile f : ActiveFiles.list(engine, snapshot.getScanBuilder().build(), null)) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(f.path()), conf))) {
                for (BlockMetaData block : reader.getFooter().getBlocks()) {
                    for (ColumnChunkMetaData column : block.getColumns()) {
                        out.merge(column.getPath().toDotString(), column.getTotalSize(), Long::sum);
                    }
                }
            }
        }
        return out;
    }
}
