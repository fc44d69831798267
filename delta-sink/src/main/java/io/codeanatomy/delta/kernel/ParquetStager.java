package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.kernel.arrow.ArrowBatch;
import io.codeanatomy.delta.kernel.arrow.ArrowRows;
import io.codeanatomy.delta.kernel.parquet.DataFileWriter;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.DataFileStatus;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Writes rows as Parquet data files (with min/max/null-count statistics) without committing them.
 *
 * <p>Uses a transaction that is never committed only to learn the target directory and the stats
 * columns, as writer subtasks do in a Flink two-phase sink; the committer adds the files later. The
 * files are written by the engine's {@link DataFileWriter}, not Kernel's Parquet handler.
 */
public final class ParquetStager {
    /** Rows per Arrow batch when staging value arrays: bounds the off-heap copy, not the file size. */
    static final int CHUNK_ROWS = 8192;

    private final Engine engine;
    private final String tablePath;
    private final TableSpec spec;
    private final FileLayout layout;
    private final StructType schema;
    private final DataFileWriter dataFiles;
    private Row transactionState;
    /** The write context of {@link #transactionState}: made once, as Kernel parses the table's schema to make it. */
    private DataWriteContext writeContext;

    /** A stager with the {@link FileLayout#DEFAULT default layout}. */
    public ParquetStager(Engine engine, String tablePath, TableSpec spec) {
        this(engine, tablePath, spec, FileLayout.DEFAULT);
    }

    public ParquetStager(Engine engine, String tablePath, TableSpec spec, FileLayout layout) {
        this.engine = engine;
        this.tablePath = tablePath;
        this.spec = spec;
        this.layout = layout;
        this.schema = TableCodecs.of(spec).deltaSchema();
        this.dataFiles = SinkEngine.dataFileWriter(engine, TableCodecs.of(spec));
    }

    /**
     * Writes the rows (already validated and sorted) and returns the staged files. They reach the
     * Parquet writer through one Arrow buffer refilled {@value #CHUNK_ROWS} rows at a time, so the
     * writer has one batch type and the off-heap copy stays small. Files roll at the same rows as
     * for one batch: the writer fills files row by row across batches.
     */
    public List<StagedFile> stage(List<Object[]> rows) throws IOException {
        return stage(rows.iterator());
    }

    /**
     * Writes the rows an iterator yields (validated and sorted), pulling them a chunk at a time: a
     * merge of many files never has to hold them all.
     */
    public List<StagedFile> stage(Iterator<Object[]> rows) throws IOException {
        if (!rows.hasNext()) {
            return new ArrayList<>();
        }
        try (BufferAllocator allocator = new RootAllocator();
             ArrowRows arrow = new ArrowRows(spec, allocator)) {
            return write(new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public ArrowBatch next() {
                    arrow.clear(); // the writer asks for the next batch only once it has written this one
                    for (int n = 0; n < CHUNK_ROWS && rows.hasNext(); n++) {
                        arrow.append(rows.next());
                    }
                    return arrow.batch(IntStream.range(0, arrow.size()).toArray());
                }
            });
        }
    }

    /**
     * Writes a batch (already validated and sorted) and returns the staged files: a new file at every
     * {@link FileLayout#maxOwnersPerFile} owners, and at the engine's target file size.
     */
    public List<StagedFile> stage(ArrowBatch batch) throws IOException {
        if (batch.getSize() == 0) {
            return new ArrayList<>();
        }
        return write(List.of(batch).iterator());
    }

    private List<StagedFile> write(Iterator<ArrowBatch> batches) throws IOException {
        List<StagedFile> staged = new ArrayList<>();
        OwnerRuns runs = new OwnerRuns(batches, spec, layout);
        while (runs.hasNextFile()) {
            staged.addAll(writeFiles(runs.nextFile()));
        }
        return staged;
    }

    /** One file, or several when the rows pass the target file size, in the table's data directory. */
    private List<StagedFile> writeFiles(Iterator<ArrowBatch> batches) throws IOException {
        List<StagedFile> staged = new ArrayList<>();
        // The write context gives the directory and the statistics columns; the tables have no
        // partitions and no column mapping, so the logical rows are the physical ones.
        if (writeContext == null) {
            writeContext = Transaction.getWriteContext(engine, transactionState(), Map.of());
        }
        DataWriteContext context = writeContext;
        for (DataFileStatus file : dataFiles.write(context.getTargetDirectory(), context.getStatisticsColumns(), batches)) {
            String stats = file.getStatistics()
                    .map(s -> s.serializeAsJson(schema))
                    .orElseThrow(() -> new IOException("Parquet writer returned no statistics for " + file.getPath()));
            staged.add(new StagedFile(file.getPath(), file.getSize(), file.getModificationTime(), stats));
        }
        return staged;
    }

    private Row transactionState() {
        if (transactionState == null) {
            transactionState = TableCreator.ensureCreated(engine, tablePath, spec)
                    .buildUpdateTableTransaction(TableCreator.ENGINE_INFO, TableCreator.operation())
                    .build(engine)
                    .getTransactionState(engine);
        }
        return transactionState;
    }
}
