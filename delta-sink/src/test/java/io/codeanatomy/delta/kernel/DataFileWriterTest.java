package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.kernel.arrow.ArrowBatch;
import io.codeanatomy.delta.kernel.arrow.ArrowRows;
import io.codeanatomy.delta.kernel.parquet.DataFileWriter;
import io.codeanatomy.delta.schema.AllColumnTypes;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;

import org.apache.arrow.memory.RootAllocator;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sink's Parquet writer and Kernel's default writer, given the same rows for a file, write the
 * same data file: the same Parquet schema, codec and encodings column by column, the same Parquet
 * and Delta statistics; and the sink's files read back as the rows written.
 */
class DataFileWriterTest {
    private static final TableSpec SPEC = AllColumnTypes.SPEC;
    /** Small enough that the rows below fill several files. */
    private static final long TARGET_BYTES = 96 * 1024;

    @TempDir
    Path dir;

    @Test
    void writesTheFilesKernelsWriterWrites() throws Exception {
        List<DataFileStatus> files = assertWritesWhatKernelWrites(rows(40_000), TARGET_BYTES);
        assertTrue(files.size() > 2, "rolled into several files: " + files.size());
    }

    /**
     * A file whose string dictionary outgrows Parquet's limit mid-chunk (ids repeating at first, then
     * 35,000 distinct ones of 40 bytes: 1.5 MB of dictionary) keeps its first pages
     * dictionary-encoded and writes the rest plain, as Kernel's writer's does.
     */
    @Test
    void aDictionaryThatOutgrowsItsLimitFallsBackAsKernelsDoes() throws Exception {
        List<Object[]> rows = rows(60_000);
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i)[2] = i < 25_000 ? "repeated" + i % 50 : String.format("distinct-%031d", i);
        }
        List<DataFileStatus> files = assertWritesWhatKernelWrites(rows, 64L * 1024 * 1024);
        assertEquals(1, files.size());
        ColumnChunkMetaData id = footer(EngineFactory.configuration(TARGET_BYTES), files.get(0)).getBlocks().get(0).getColumns().get(2);
        assertTrue(id.getEncodings().contains(org.apache.parquet.column.Encoding.PLAIN)
                && id.getEncodings().contains(org.apache.parquet.column.Encoding.PLAIN_DICTIONARY), id.getEncodings().toString());
    }

    /**
     * Each page's statistics in the file's column index (what a reader skips pages by) are those of
     * the rows in the page, by the offset index: through dictionary pages, a dictionary that falls
     * back mid-page and plain pages, and for nulls. A page whose bounds missed a value would make a
     * reader skip rows that match its filter.
     */
    @Test
    void eachPagesStatisticsAreThoseOfItsRows() throws Exception {
        List<Object[]> rows = rows(60_000);
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i)[2] = i < 25_000 ? "repeated" + i % 50 : String.format("distinct-%031d", i);
        }
        StructType schema = TableCodecs.of(SPEC).deltaSchema();
        try (RootAllocator allocator = new RootAllocator(); ArrowRows arrow = new ArrowRows(SPEC, allocator)) {
            rows.forEach(arrow::append);
            Engine engine = EngineFactory.create(64L * 1024 * 1024);
            List<DataFileStatus> files = SinkEngine.dataFileWriter(engine, TableCodecs.of(SPEC)).write(dir.toUri().toString(),
                    schema.fieldNames().stream().map(Column::new).toList(),
                    chunks(arrow.batch(IntStream.range(0, rows.size()).toArray()), 5_000).iterator());
            assertEquals(1, files.size());
            Configuration conf = EngineFactory.configuration(TARGET_BYTES);
            try (ParquetFileReader reader = ParquetFileReader.open(
                    HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(files.get(0).getPath()), conf))) {
                List<ColumnChunkMetaData> chunks = reader.getFooter().getBlocks().get(0).getColumns();
                for (int c = 0; c < chunks.size(); c++) {
                    org.apache.parquet.internal.column.columnindex.ColumnIndex index = reader.readColumnIndex(chunks.get(c));
                    org.apache.parquet.internal.column.columnindex.OffsetIndex offsets = reader.readOffsetIndex(chunks.get(c));
                    assertTrue(offsets.getPageCount() >= 3, "pages of column " + c + ": " + offsets.getPageCount());
                    for (int p = 0; p < offsets.getPageCount(); p++) {
                        int from = (int) offsets.getFirstRowIndex(p);
                        int to = p + 1 < offsets.getPageCount() ? (int) offsets.getFirstRowIndex(p + 1) : rows.size();
                        Object min = null;
                        Object max = null;
                        long nulls = 0;
                        for (Object[] row : rows.subList(from, to)) {
                            Object v = row[c];
                            if (v == null) {
                                nulls++;
                            } else {
                                min = min == null || compare(v, min) < 0 ? v : min;
                                max = max == null || compare(v, max) > 0 ? v : max;
                            }
                        }
                        String where = "page " + p + " (rows " + from + "-" + to + ") of column " + c;
                        assertEquals(nulls, (long) index.getNullCounts().get(p), where);
                        assertEquals(min == null, index.getNullPages().get(p), where);
                        if (min != null) {
                            assertBound(min, decode(index.getMinValues().get(p), min), "min of " + where);
                            assertBound(max, decode(index.getMaxValues().get(p), max), "max of " + where);
                        }
                    }
                }
            }
        }
    }

    /** A bound as expected; a zero double bound of either sign (Parquet writes -0.0 as a minimum and +0.0 as a maximum). */
    private static void assertBound(Object expected, Object actual, String where) {
        if (expected instanceof Double d && d == 0.0) {
            assertEquals(0.0, (Double) actual, 0.0, where);
        } else {
            assertEquals(expected, actual, where);
        }
    }

    /** Parquet's order: strings by their UTF-8 bytes, unsigned; numbers and booleans by value. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a instanceof String x) {
            return java.util.Arrays.compareUnsigned(x.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    ((String) b).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return ((Comparable) a).compareTo(b);
    }

    /** A column index bound (plain-encoded) as a value of the type of {@code like}. */
    private static Object decode(java.nio.ByteBuffer bound, Object like) {
        java.nio.ByteBuffer b = bound.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (like instanceof String) {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (like instanceof Long) {
            return b.getLong();
        }
        if (like instanceof Integer) {
            return b.getInt();
        }
        if (like instanceof Double) {
            return b.getDouble();
        }
        return b.get() != 0;
    }

    /**
     * Writes the rows with the sink's writer, in batches of 5,000, then each of its files' rows with
     * Kernel's writer into one file, and asserts that each pair has the same statistics and layout
     * (row groups, encodings, Parquet statistics), and that the sink's files read back as the rows.
     * The two writers cut files at different rows (they measure a file's size differently); what a
     * file holds must not differ. Returns the sink's files.
     */
    private List<DataFileStatus> assertWritesWhatKernelWrites(List<Object[]> rows, long targetBytes) throws Exception {
        StructType schema = TableCodecs.of(SPEC).deltaSchema();
        List<Column> statsColumns = schema.fieldNames().stream().map(Column::new).toList();
        try (RootAllocator allocator = new RootAllocator(); ArrowRows arrow = new ArrowRows(SPEC, allocator)) {
            rows.forEach(arrow::append);
            ArrowBatch all = arrow.batch(IntStream.range(0, rows.size()).toArray());
            Engine sink = EngineFactory.create(targetBytes);
            DataFileWriter writer = SinkEngine.dataFileWriter(sink, TableCodecs.of(SPEC));
            List<DataFileStatus> actual = writer.write(dir.resolve("sink").toUri().toString(), statsColumns, chunks(all, 5_000).iterator());

            Configuration conf = EngineFactory.configuration(Long.MAX_VALUE / 2);
            Engine kernel = DefaultEngine.create(conf);
            int first = 0;
            for (int f = 0; f < actual.size(); f++) {
                DataFileStatus s = actual.get(f);
                int end = first + (int) s.getStatistics().orElseThrow().getNumRecords();
                List<DataFileStatus> expected = new ArrayList<>();
                CloseableIterator<FilteredColumnarBatch> data = CloseableIterators.of(
                        List.of(new FilteredColumnarBatch(all.slice(first, end), Optional.empty())).iterator());
                try (CloseableIterator<DataFileStatus> written = kernel.getParquetHandler()
                        .writeParquetFiles(dir.resolve("kernel" + f).toUri().toString(), data, statsColumns)) {
                    written.forEachRemaining(expected::add);
                }
                assertEquals(1, expected.size(), "Kernel's files for the rows of file " + f);
                DataFileStatus k = expected.get(0);
                assertEquals(k.getStatistics().orElseThrow().serializeAsJson(schema),
                        s.getStatistics().orElseThrow().serializeAsJson(schema), "statistics of file " + f);
                assertSameLayout(footer(conf, k), footer(conf, s), f);
                assertTrue(s.getPath().startsWith(dir.resolve("sink").toUri().toString().replace("file:///", "file:/")), s.getPath());
                first = end;
            }
            assertEquals(rows.size(), first, "rows in the files");
            List<Object[]> sinkRows = TableRows.readStaged(sink, SPEC, staged(actual));
            assertEquals(rows.size(), sinkRows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertArrayEquals(rows.get(i), sinkRows.get(i), "row " + i);
            }
            return actual;
        }
    }

    @Test
    void aFileWithAllNullsNaNOrAHugeStringInAColumnHasTheStatisticsKernelGives() throws Exception {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // Bounds over 4 KB do not reach the file's footer: path has none, as in Kernel's files.
            String path = i == 99 ? "z".repeat(5000) : "a.py";
            rows.add(new Object[] {"r", path, "id" + i, null, i, null, i == 50 ? Double.NaN : i * 0.5});
        }
        StructType schema = TableCodecs.of(SPEC).deltaSchema();
        List<Column> statsColumns = schema.fieldNames().stream().map(Column::new).toList();
        try (RootAllocator allocator = new RootAllocator(); ArrowRows arrow = new ArrowRows(SPEC, allocator)) {
            rows.forEach(arrow::append);
            ArrowBatch batch = arrow.batch(IntStream.range(0, rows.size()).toArray());
            Engine kernel = DefaultEngine.create(EngineFactory.configuration(TARGET_BYTES));
            String expected;
            try (CloseableIterator<DataFileStatus> written = kernel.getParquetHandler().writeParquetFiles(
                    dir.resolve("kernel").toUri().toString(),
                    CloseableIterators.of(List.of(new FilteredColumnarBatch(batch, Optional.empty())).iterator()), statsColumns)) {
                expected = written.next().getStatistics().orElseThrow().serializeAsJson(schema);
            }
            DataFileWriter writer = SinkEngine.dataFileWriter(EngineFactory.create(TARGET_BYTES), TableCodecs.of(SPEC));
            String actual = writer.write(dir.resolve("sink").toUri().toString(), statsColumns, List.of(batch).iterator())
                    .get(0).getStatistics().orElseThrow().serializeAsJson(schema);
            assertEquals(expected, actual);
        }
    }

    /**
     * A column declared mostly distinct is written without a dictionary even where its values repeat
     * (a dictionary would have been kept: they repeat), the other string columns keep theirs, and the
     * rows read back unchanged.
     */
    @Test
    void aMostlyDistinctColumnIsWrittenWithoutADictionary() throws Exception {
        TableSpec spec = repoPathId()
                .required("kind", io.codeanatomy.delta.schema.ColumnType.STRING, "")
                .primaryKey("id").mostlyDistinct("id").build();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            rows.add(new Object[] {"repo", "a.py", "id" + (i % 10), "kind" + (i % 10)});
        }
        StructType schema = TableCodecs.of(spec).deltaSchema();
        try (RootAllocator allocator = new RootAllocator(); ArrowRows arrow = new ArrowRows(spec, allocator)) {
            rows.forEach(arrow::append);
            Engine engine = EngineFactory.create(TARGET_BYTES);
            List<DataFileStatus> files = SinkEngine.dataFileWriter(engine, TableCodecs.of(spec)).write(dir.toUri().toString(),
                    schema.fieldNames().stream().map(Column::new).toList(),
                    List.of(arrow.batch(IntStream.range(0, rows.size()).toArray())).iterator());
            assertEquals(1, files.size());
            ParquetMetadata footer = footer(EngineFactory.configuration(TARGET_BYTES), files.get(0));
            for (ColumnChunkMetaData column : footer.getBlocks().get(0).getColumns()) {
                boolean dictionary = column.getEncodings().contains(org.apache.parquet.column.Encoding.PLAIN_DICTIONARY);
                assertEquals(!column.getPath().toDotString().equals("id"), dictionary,
                        column.getPath() + " " + column.getEncodings());
            }
            assertReadsBack(engine, spec, files, rows);
        }
    }

    /**
     * A string repeated as one object is handed to Parquet once per run, but runs are numbered per fill
     * of the buffer: after the buffer is cleared and refilled (as the stager does between batches of
     * one file) a value in a row numbered like the last run of the fill before is still its own.
     */
    @Test
    void aRunOfTheBuffersLastFillSaysNothingOfTheNextFill() throws Exception {
        TableSpec spec = repoPathId()
                .optional("tag", io.codeanatomy.delta.schema.ColumnType.STRING, "")
                .primaryKey("id").build();
        List<List<Object[]>> fills = List.of(
                List.of(new Object[] {"r", "a.py", "1", new String("x")}, new Object[] {"r", "a.py", "2", new String("y")}),
                List.of(new Object[] {"r", "a.py", "3", null}, new Object[] {"r", "a.py", "4", new String("z")}));
        StructType schema = TableCodecs.of(spec).deltaSchema();
        try (RootAllocator allocator = new RootAllocator(); ArrowRows arrow = new ArrowRows(spec, allocator)) {
            java.util.Iterator<ArrowBatch> batches = new java.util.Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < fills.size();
                }

                @Override
                public ArrowBatch next() {
                    arrow.clear();
                    List<Object[]> rows = fills.get(next++);
                    rows.forEach(arrow::append);
                    return arrow.batch(IntStream.range(0, rows.size()).toArray());
                }
            };
            Engine engine = EngineFactory.create(TARGET_BYTES);
            List<DataFileStatus> files = SinkEngine.dataFileWriter(engine, TableCodecs.of(spec)).write(dir.toUri().toString(),
                    schema.fieldNames().stream().map(Column::new).toList(), batches);
            assertEquals(1, files.size());
            assertReadsBack(engine, spec, files, fills.stream().flatMap(List::stream).toList());
        }
    }

    /** Strings of one to four UTF-8 bytes a character (so byte order and UTF-16 order differ), nulls, negatives. */
    private static List<Object[]> rows(int n) {
        String[] words = {"alpha", "Ωmega", "日本語", "\uD83D\uDE00smile", "\uFFFDreplacement", "zeta", "", "naïve"};
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean sparse = i % 11 == 0;
            rows.add(new Object[] {"repo", "pkg/m" + (i / 700) + ".py", words[i % words.length] + String.format("%07d", i),
                    sparse ? null : (long) (i - n / 2) << 20, sparse ? null : i % 1000 - 500, sparse ? null : i % 3 == 0,
                    sparse ? null : (i - n / 3) / 7.0});
        }
        return rows;
    }

    /** A table of string columns repo, path and id, for a test to add its own. */
    private static TableSpec.Builder repoPathId() {
        return TableSpec.builder("t", "")
                .required("repo", io.codeanatomy.delta.schema.ColumnType.STRING, "")
                .required("path", io.codeanatomy.delta.schema.ColumnType.STRING, "")
                .required("id", io.codeanatomy.delta.schema.ColumnType.STRING, "");
    }

    private static void assertReadsBack(Engine engine, TableSpec spec, List<DataFileStatus> files, List<Object[]> rows)
            throws Exception {
        List<Object[]> back = TableRows.readStaged(engine, spec, staged(files));
        assertEquals(rows.size(), back.size());
        for (int i = 0; i < rows.size(); i++) {
            assertArrayEquals(rows.get(i), back.get(i), "row " + i);
        }
    }

    private static List<ArrowBatch> chunks(ArrowBatch all, int size) {
        List<ArrowBatch> out = new ArrayList<>();
        for (int from = 0; from < all.getSize(); from += size) {
            out.add(all.slice(from, Math.min(all.getSize(), from + size)));
        }
        return out;
    }

    private static List<StagedFile> staged(List<DataFileStatus> files) {
        return files.stream().map(f -> new StagedFile(f.getPath(), f.getSize(), f.getModificationTime(), "{}")).toList();
    }

    private static ParquetMetadata footer(Configuration conf, DataFileStatus file) throws Exception {
        return ParquetFileReader.readFooter(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.getPath()), conf),
                ParquetMetadataConverter.NO_FILTER);
    }

    private static void assertSameLayout(ParquetMetadata kernel, ParquetMetadata sink, int file) {
        assertEquals(kernel.getFileMetaData().getSchema(), sink.getFileMetaData().getSchema(), "schema of file " + file);
        assertEquals(kernel.getBlocks().size(), sink.getBlocks().size(), "row groups of file " + file);
        for (int b = 0; b < kernel.getBlocks().size(); b++) {
            BlockMetaData kb = kernel.getBlocks().get(b);
            BlockMetaData sb = sink.getBlocks().get(b);
            assertEquals(kb.getRowCount(), sb.getRowCount(), "rows of file " + file);
            for (int c = 0; c < kb.getColumns().size(); c++) {
                ColumnChunkMetaData kc = kb.getColumns().get(c);
                ColumnChunkMetaData sc = sb.getColumns().get(c);
                String where = "column " + kc.getPath() + " of file " + file;
                assertEquals(kc.getCodec(), sc.getCodec(), where);
                assertEquals(kc.getEncodings(), sc.getEncodings(), where);
                assertEquals(kc.getStatistics(), sc.getStatistics(), where);
            }
        }
    }
}
