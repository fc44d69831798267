package io.codeanatomy.delta.kernel.arrow;

import io.codeanatomy.delta.record.EncodedRows;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.OwnedRowsSerializer;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.AllColumnTypes;
import io.codeanatomy.delta.schema.TableSet;
import io.codeanatomy.delta.schema.TableSpec;

import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.Text;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the writer's Arrow buffers count as buffered, and that a cleared buffer keeps no row of its last fill. */
class ArrowRowsTest {
    private static final TableSpec SPEC = AllColumnTypes.SPEC;

    /** usedBytes is what the vectors' own getBufferSize says once the value counts are set, on both append paths. */
    @Test
    void usedBytesCountsTheRowsAsTheVectorsDo() throws Exception {
        List<Object[]> rows = rows(3000, 0);
        try (RootAllocator allocator = new RootAllocator(); ArrowRows arrow = new ArrowRows(SPEC, allocator)) {
            rows.forEach(arrow::append);
            long used = arrow.usedBytes();
            assertEquals(bufferSizes(arrow), used);
            arrow.clear();
            appendReceived(arrow, rows);
            assertEquals(used, arrow.usedBytes(), "received rows take what the same rows as arrays take");
            long counted = arrow.usedBytes();
            assertEquals(bufferSizes(arrow), counted);
        }
    }

    /**
     * clear() keeps the vectors' memory but nothing of their rows: a null where the last fill had a
     * value reads as null, and the next fill reads back exactly. release() returns the memory.
     */
    @Test
    void aClearedBufferKeepsItsMemoryAndNoneOfItsRows() throws Exception {
        try (RootAllocator allocator = new RootAllocator(); ArrowRows arrow = new ArrowRows(SPEC, allocator)) {
            List<Object[]> first = rows(5000, 0);
            first.forEach(arrow::append);
            assertEquals(lists(first), read(arrow));
            long allocated = arrow.allocatedBytes();

            arrow.clear();
            assertEquals(0, arrow.usedBytes());
            assertEquals(allocated, arrow.allocatedBytes(), "the capacity stays for the next rows");
            List<Object[]> second = rows(4000, 1); // nulls where the first fill had values, shorter strings
            second.forEach(arrow::append);
            long counted = arrow.usedBytes(); // before batch(), which sets the vectors' value counts
            assertEquals(bufferSizes(arrow), counted, "counted from this fill's rows only");
            assertEquals(lists(second), read(arrow));
            assertEquals(allocated, arrow.allocatedBytes(), "no new memory for fewer rows");

            arrow.clear();
            appendReceived(arrow, second);
            assertEquals(lists(second), read(arrow));

            arrow.release();
            assertEquals(0, arrow.allocatedBytes());
            assertEquals(0, arrow.usedBytes());
        }
    }

    /** Rows of the test table; {@code shift} moves where the nulls and the long strings fall. */
    private static List<Object[]> rows(int n, int shift) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int j = i + shift;
            rows.add(new Object[] {"r", "a" + i / 100 + ".py", j % 11 == 0 ? "k" + i + "-\u00e9".repeat(j % 40) : "k" + i,
                    j % 3 == 0 ? null : (long) i * 31, j % 4 == 0 ? null : i % 5, j % 5 == 0 ? null : i % 2 == 0,
                    j % 2 == 0 ? null : i / 7.0});
        }
        return rows;
    }

    /** The rows as the writer receives them from the network: one encoded record per owner. */
    private static void appendReceived(ArrowRows arrow, List<Object[]> rows) throws Exception {
        OwnedRowsSerializer serializer = new OwnedRowsSerializer(new TableSet(List.of(SPEC)));
        for (int from = 0; from < rows.size(); from += 100) {
            List<Object[]> owned = rows.subList(from, Math.min(rows.size(), from + 100));
            DataOutputSerializer out = new DataOutputSerializer(1024);
            serializer.serialize(OwnedRows.replace(new Owner("r", (String) owned.get(0)[1]), List.of(owned)), out);
            EncodedRows encoded = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())).encoded(0);
            EncodedRows.Cursor cursor = encoded.cursor();
            Object[] objects = new Object[SPEC.columns().size()];
            boolean[] asObject = new boolean[objects.length];
            while (cursor.nextRow()) {
                arrow.append(cursor, objects, asObject);
            }
        }
    }

    private static long bufferSizes(ArrowRows arrow) {
        ArrowBatch batch = arrow.batch(IntStream.range(0, arrow.size()).toArray());
        long bytes = 0;
        for (int c = 0; c < SPEC.columns().size(); c++) {
            bytes += batch.vector(c).getBufferSize();
        }
        return bytes;
    }

    private static List<List<Object>> read(ArrowRows arrow) {
        ArrowBatch batch = arrow.batch(IntStream.range(0, arrow.size()).toArray());
        List<List<Object>> out = new ArrayList<>();
        for (int r = 0; r < arrow.size(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < SPEC.columns().size(); c++) {
                FieldVector v = batch.vector(c);
                Object value = v.getObject(batch.row(r));
                row.add(value instanceof Text text ? text.toString() : value);
            }
            out.add(row);
        }
        return out;
    }

    private static List<List<Object>> lists(List<Object[]> rows) {
        return rows.stream().map(Arrays::asList).toList();
    }
}
