package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.ParquetStager;
import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.OwnedRowsSerializer;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.TableSet;
import io.codeanatomy.delta.schema.AllColumnTypes;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.engine.Engine;

import org.apache.arrow.memory.RootAllocator;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a table buffer stages: the final rows of each owner and key, sorted by owner, then key. */
class TableBufferTest {
    private static final TableSpec SPEC = AllColumnTypes.SPEC;

    @TempDir
    Path dir;

    @Test
    void stagesEachOwnersLastRowsSortedByOwnerThenKey() throws Exception {
        Engine engine = EngineFactory.create();
        ParquetStager stager = new ParquetStager(engine, dir.resolve("t").toUri().toString(), SPEC);
        try (RootAllocator allocator = new RootAllocator(); TableBuffer buffer = new TableBuffer(SPEC, allocator)) {
            buffer.put(row("b.py", "k3"), false);
            buffer.put(row("b.py", "k1"), false);
            buffer.put(row("a.py", "k9"), false);
            buffer.put(row("a.py", "k2"), false);
            // files replaced within the checkpoint, the last one written to and another: their rows so
            // far go, the new ones stay
            buffer.dropOwner(new Owner("r", "a.py"));
            buffer.put(row("a.py", "k8"), false);
            buffer.put(row("a.py", "k6"), false);
            buffer.dropOwner(new Owner("r", "b.py"));
            buffer.put(row("b.py", "k5"), false);
            buffer.put(row("b.py", "k4"), false);
            // a key upserted again replaces its row; a key deleted goes
            buffer.put(row("a.py", "k6"), true);
            buffer.dropKey("k5");
            buffer.stage(stager);
            List<StagedFile> files = buffer.finish(engine, stager);
            List<String> staged = new ArrayList<>();
            for (Object[] r : TableRows.readStaged(engine, SPEC, files)) {
                staged.add(r[1] + ":" + r[2]);
            }
            assertEquals(List.of("a.py:k6", "a.py:k8", "b.py:k4"), staged);
        }
    }

    @Test
    void aKeyRepeatedWithinAnOwnerKeepsItsLastRow() throws Exception {
        Engine engine = EngineFactory.create();
        ParquetStager stager = new ParquetStager(engine, dir.resolve("t").toUri().toString(), SPEC);
        try (RootAllocator allocator = new RootAllocator(); TableBuffer buffer = new TableBuffer(SPEC, allocator)) {
            for (int i = 0; i < 40; i++) { // enough rows for KeySort's packed path
                Object[] r = row("a.py", "k" + (char) ('a' + i % 20));
                r[3] = (long) i;
                buffer.put(r, false);
            }
            List<StagedFile> files = buffer.finish(engine, stager);
            List<String> staged = new ArrayList<>();
            for (Object[] r : TableRows.readStaged(engine, SPEC, files)) {
                staged.add(r[2] + "=" + r[3]);
            }
            List<String> expected = new ArrayList<>();
            for (int i = 20; i < 40; i++) {
                expected.add("k" + (char) ('a' + i % 20) + "=" + i);
            }
            assertEquals(expected, staged);
            assertEquals(0, buffer.bufferedRows());
        }
    }

    /** Rows as the writer receives them (encoded) are staged exactly as the same rows given as arrays. */
    @Test
    void rowsReceivedEncodedStageAsTheirValueArraysDo() throws Exception {
        Engine engine = EngineFactory.create();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // runs of repeated values, nulls, a long string, non-ASCII text
            rows.add(new Object[] {"r", "a.py", "k" + (i * 7919 % 50), i % 3 == 0 ? null : (long) i / 4,
                    i % 5, i % 2 == 0, i % 7 == 0 ? null : 1.5});
        }
        rows.get(10)[2] = "k-\u00e9\u4e2d-" + "x".repeat(3000);
        List<String> asArrays = staged(engine, "arrays", buffer -> rows.forEach(r -> buffer.put(r, false)));
        OwnedRowsSerializer serializer = new OwnedRowsSerializer(new TableSet(List.of(SPEC)));
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(OwnedRows.replace(new Owner("r", "a.py"), List.of(rows)), out);
        OwnedRows received = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        List<String> asReceived = staged(engine, "received", buffer -> buffer.put(received.encoded(0)));
        assertEquals(asArrays, asReceived);
        assertEquals(50, asArrays.size());
    }

    @Test
    void aNullInARequiredColumnOfAReceivedRowFailsNamingTheColumn() throws Exception {
        OwnedRowsSerializer serializer = new OwnedRowsSerializer(new TableSet(List.of(SPEC)));
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(OwnedRows.replace(new Owner("r", "a.py"), List.of(List.of(row("a.py", "k1"), row("a.py", null)))), out);
        OwnedRows received = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        try (RootAllocator allocator = new RootAllocator(); TableBuffer buffer = new TableBuffer(SPEC, allocator)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> buffer.put(received.encoded(0)));
            assertEquals("table t: null in non-nullable column id", e.getMessage());
        }
    }

    private interface Fill {
        void into(TableBuffer buffer) throws Exception;
    }

    private List<String> staged(Engine engine, String table, Fill fill) throws Exception {
        ParquetStager stager = new ParquetStager(engine, dir.resolve(table).toUri().toString(), SPEC);
        try (RootAllocator allocator = new RootAllocator(); TableBuffer buffer = new TableBuffer(SPEC, allocator)) {
            fill.into(buffer);
            List<String> staged = new ArrayList<>();
            for (Object[] r : TableRows.readStaged(engine, SPEC, buffer.finish(engine, stager))) {
                staged.add(java.util.Arrays.toString(r));
            }
            return staged;
        }
    }

    private static Object[] row(String path, String id) {
        return new Object[] {"r", path, id, null, null, null, null};
    }
}
