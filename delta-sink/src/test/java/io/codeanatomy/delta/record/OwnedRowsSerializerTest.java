package io.codeanatomy.delta.record;

import io.codeanatomy.delta.schema.AllColumnTypes;
import io.codeanatomy.delta.schema.TableSet;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The record encoding is in checkpoints: these bytes must never change without a new serializer version. */
class OwnedRowsSerializerTest {
    @Test
    void everyColumnTypeKeepsItsCheckpointEncoding() throws IOException {
        Owner owner = new Owner("r", "p.py");
        Object[] full = {"r", "p.py", "\u00e9\ud800", 5L, -3, true, 0.5};
        Object[] sparse = {"r", "p.py", "x", null, null, null, null};
        OwnedRows record = new OwnedRows(owner, OwnedRows.Op.UPSERT, List.of(new Owner("r", "old.py")),
                List.of(List.of(full, sparse)), List.of(List.of("gone")));
        OwnedRowsSerializer serializer = new OwnedRowsSerializer(new TableSet(List.of(AllColumnTypes.SPEC)));

        DataOutputSerializer actual = new DataOutputSerializer(64);
        serializer.serialize(record, actual);

        DataOutputSerializer expected = new DataOutputSerializer(64);
        utf8(expected, "r");
        utf8(expected, "p.py");
        expected.writeByte(OwnedRows.Op.UPSERT.ordinal());
        expected.writeInt(1);
        utf8(expected, "r");
        utf8(expected, "old.py");
        expected.writeInt(2);
        expected.writeBoolean(true);
        utf8(expected, "r");
        expected.writeBoolean(true);
        utf8(expected, "p.py");
        expected.writeBoolean(true);
        utf8(expected, "\u00e9\ud800");
        expected.writeBoolean(true);
        expected.writeLong(5L);
        expected.writeBoolean(true);
        expected.writeInt(-3);
        expected.writeBoolean(true);
        expected.writeBoolean(true);
        expected.writeBoolean(true);
        expected.writeDouble(0.5);
        expected.writeBoolean(true);
        utf8(expected, "r");
        expected.writeBoolean(true);
        utf8(expected, "p.py");
        expected.writeBoolean(true);
        utf8(expected, "x");
        for (int c = 0; c < 4; c++) {
            expected.writeBoolean(false);
        }
        expected.writeInt(1);
        utf8(expected, "gone");
        assertArrayEquals(expected.getCopyOfBuffer(), actual.getCopyOfBuffer());

        OwnedRows back = serializer.deserialize(new DataInputDeserializer(actual.getCopyOfBuffer()));
        assertEquals(owner, back.owner());
        assertEquals(List.of(new Owner("r", "old.py")), back.released());
        assertArrayEquals(new Object[]{"r", "p.py", "\u00e9?", 5L, -3, true, 0.5}, back.rows(0).get(0));
        assertArrayEquals(sparse, back.rows(0).get(1));
        assertEquals(List.of("gone"), back.deletedKeys(0));
    }

    private static void utf8(DataOutputSerializer out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
