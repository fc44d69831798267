package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.kernel.arrow.ArrowRows;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.DataFileStatus;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Writes rows as Parquet data files (with min/max/null-count statistics) without committing them.
 *
 * <p>Uses a transaction that is never committed only to learn the target directory and the stats
 * columns, as writer subtasks do in a Flink two-phase sink; the committer adds the files later.
 */
public final class ParquetStager {
    private final Engine engine;
    private final String tablePath;
    private final TableSpec spec;
    private final StructType schema;
    private Row transactionState;

    public ParquetStager(Engine engine, String tablePath, TableSpec spec) {
        this.engine = engine;
        this.tablePath = tablePath;
        this.spec = spec;
        this.schema = TableCodecs.of(spec).deltaSchema();
    }

    /**
     * Writes the rows (already validated and sorted) and returns the staged files. They pass
     * through Arrow vectors for the duration of the call, so the Parquet writer has one batch type.
     */
    public List<StagedFile> stage(List<Object[]> rows) throws IOException {
        if (rows.isEmpty()) {
            return new ArrayList<>();
        }
        try (BufferAllocator allocator = new RootAllocator();
             ArrowRows arrow = new ArrowRows(spec, allocator)) {
            for (Object[] row : rows) {
                arrow.append(row);
            }
            return stage(arrow.batch(IntStream.range(0, rows.size()).toArray()));
        }
    }

    /**
     * Writes a batch (already validated and sorted) and returns the staged files; the writer rolls
     * to a new file at the engine's target file size.
     */
    public List<StagedFile> stage(ColumnarBatch batch) throws IOException {
        List<StagedFile> staged = new ArrayList<>();
        if (batch.getSize() == 0) {
            return staged;
        }
        Row state = transactionState();
        Map<String, Literal> noPartition = Map.of();
        DataWriteContext context = Transaction.getWriteContext(engine, state, noPartition);
        CloseableIterator<FilteredColumnarBatch> logical =
                CloseableIterators.of(List.of(new FilteredColumnarBatch(batch, Optional.empty())));
        try (CloseableIterator<FilteredColumnarBatch> physical =
                     Transaction.transformLogicalData(engine, state, logical, noPartition);
             CloseableIterator<DataFileStatus> written = engine.getParquetHandler().writeParquetFiles(
                     context.getTargetDirectory(), physical, context.getStatisticsColumns())) {
            while (written.hasNext()) {
                DataFileStatus file = written.next();
                String stats = file.getStatistics()
                        .map(s -> s.serializeAsJson(schema))
                        .orElseThrow(() -> new IOException("Parquet writer returned no statistics for " + file.getPath()));
                staged.add(new StagedFile(file.getPath(), file.getSize(), file.getModificationTime(), stats));
            }
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
