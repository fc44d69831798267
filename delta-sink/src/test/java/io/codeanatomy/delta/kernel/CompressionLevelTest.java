package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.kernel.arrow.ArrowRows;
import io.codeanatomy.delta.schema.AllColumnTypes;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.expressions.Column;
import io.delta.kernel.utils.DataFileStatus;

import org.apache.arrow.memory.RootAllocator;
import org.apache.parquet.hadoop.codec.ZstandardCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data files are Zstandard level 1 unless the configuration says otherwise, and the level set is the
 * one the files get (Parquet's writer builder ignores some settings of a Hadoop configuration; the
 * codec level is read by the codec, so it must be shown to arrive).
 */
class CompressionLevelTest {
    private static final TableSpec SPEC = AllColumnTypes.SPEC;

    @TempDir
    Path dir;

    @Test
    void levelOneByDefaultAndAConfiguredLevelReachesTheFiles() throws Exception {
        assertEquals("1", EngineFactory.configuration(EngineFactory.DEFAULT_TARGET_FILE_BYTES).get(ZstandardCodec.PARQUET_COMPRESS_ZSTD_LEVEL));
        long levelOne = writtenBytes("one");
        try {
            HadoopConf.useSettings(Map.of("flink.hadoop." + ZstandardCodec.PARQUET_COMPRESS_ZSTD_LEVEL, "19"));
            assertEquals("19", EngineFactory.configuration(EngineFactory.DEFAULT_TARGET_FILE_BYTES).get(ZstandardCodec.PARQUET_COMPRESS_ZSTD_LEVEL));
            long levelNineteen = writtenBytes("nineteen");
            assertTrue(levelNineteen < levelOne, "level 19 writes smaller files than level 1: " + levelNineteen + " vs " + levelOne);
        } finally {
            HadoopConf.useSettings(Map.of());
        }
    }

    private long writtenBytes(String name) throws Exception {
        List<Column> statsColumns = TableCodecs.of(SPEC).deltaSchema().fieldNames().stream().map(Column::new).toList();
        try (RootAllocator allocator = new RootAllocator(); ArrowRows arrow = new ArrowRows(SPEC, allocator)) {
            for (int i = 0; i < 20_000; i++) {
                // Text with repeats at a distance: what a stronger level finds and a weaker one misses.
                arrow.append(new Object[] {"repo", "pkg/m" + (i / 500) + ".py", "id" + Integer.toHexString(i * 31),
                        (long) i * 7919 % 100_003, i % 1000, i % 3 == 0, i / 7.0});
            }
            List<DataFileStatus> files = SinkEngine.dataFileWriter(EngineFactory.create(), TableCodecs.of(SPEC))
                    .write(dir.resolve(name).toUri().toString(), statsColumns,
                            List.of(arrow.batch(IntStream.range(0, arrow.size()).toArray())).iterator());
            return files.stream().mapToLong(DataFileStatus::getSize).sum();
        }
    }
}
