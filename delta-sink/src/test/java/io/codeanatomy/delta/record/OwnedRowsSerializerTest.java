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
import static org.junit.jupiter.api.Assertions.assertSame;

/** The record encoding is in checkpoints: these bytes must never change without a new serializer version. */
class OwnedRowsSerializerTest {
    private static final Owner OWNER = new Owner("r", "p.py");
    private static final Object[] FULL = {"r", "p.py", "\u00e9\ud800", 5L, -3, true, Double.NaN};
    private static final Object[] SPARSE = {"r", "p.py", "x", null, -3, null, Double.NaN};
    private final OwnedRowsSerializer serializer = new OwnedRowsSerializer(new TableSet(List.of(AllColumnTypes.SPEC)));

    @Test
    void everyColumnTypeKeepsItsCheckpointEncodingAndRepeatsAreOneByte() throws IOException {
        OwnedRows record = new OwnedRows(OWNER, OwnedRows.Op.UPSERT, List.of(new Owner("r", "old.py")),
                List.of(List.of(FULL, SPARSE)), List.of(List.of("gone")));
        DataOutputSerializer actual = new DataOutputSerializer(64);
        serializer.serialize(record, actual);

        DataOutputSerializer expected = header();
        firstRow(expected, OwnedRowsSerializer.PRESENT);
        expected.writeByte(OwnedRowsSerializer.SAME_AS_ABOVE); // r
        expected.writeByte(OwnedRowsSerializer.SAME_AS_ABOVE); // p.py
        expected.writeByte(OwnedRowsSerializer.PRESENT);
        utf8(expected, "x");
        expected.writeByte(OwnedRowsSerializer.ABSENT);
        expected.writeByte(OwnedRowsSerializer.SAME_AS_ABOVE); // -3
        expected.writeByte(OwnedRowsSerializer.ABSENT);
        expected.writeByte(OwnedRowsSerializer.SAME_AS_ABOVE); // NaN: equal bits
        trailer(expected);
        assertArrayEquals(expected.getCopyOfBuffer(), actual.getCopyOfBuffer());

        OwnedRows back = serializer.deserialize(new DataInputDeserializer(actual.getCopyOfBuffer()));
        assertDecoded(back);
        assertSame(back.rows(0).get(0)[1], back.rows(0).get(1)[1], "a repeated value decodes to the row above's object");
    }

    @Test
    void aReceivedRecordTravelsOnAsTheSameBytes() throws IOException {
        OwnedRows record = new OwnedRows(OWNER, OwnedRows.Op.UPSERT, List.of(new Owner("r", "old.py")),
                List.of(List.of(FULL, SPARSE, FULL)), List.of(List.of("gone")));
        DataOutputSerializer first = new DataOutputSerializer(64);
        serializer.serialize(record, first);
        OwnedRows received = serializer.deserialize(new DataInputDeserializer(first.getCopyOfBuffer()));
        assertEquals(3, received.encoded(0).count());
        DataOutputSerializer again = new DataOutputSerializer(8); // smaller than a record: it must grow
        serializer.serialize(received, again);
        assertArrayEquals(first.getCopyOfBuffer(), again.getCopyOfBuffer());
        assertEquals(3, received.rowCount());
    }

    /** Version 1 wrote every present value (flag 1 = PRESENT): its bytes, in checkpoints, decode unchanged. */
    @Test
    void versionOneBytesStillDecode() throws IOException {
        DataOutputSerializer v1 = header();
        firstRow(v1, (byte) 1);
        v1.writeBoolean(true);
        utf8(v1, "r");
        v1.writeBoolean(true);
        utf8(v1, "p.py");
        v1.writeBoolean(true);
        utf8(v1, "x");
        v1.writeBoolean(false);
        v1.writeBoolean(true);
        v1.writeInt(-3);
        v1.writeBoolean(false);
        v1.writeBoolean(true);
        v1.writeDouble(Double.NaN);
        trailer(v1);
        assertDecoded(serializer.deserialize(new DataInputDeserializer(v1.getCopyOfBuffer())));
    }

    private static DataOutputSerializer header() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        utf8(out, "r");
        utf8(out, "p.py");
        out.writeByte(OwnedRows.Op.UPSERT.ordinal());
        out.writeInt(1);
        utf8(out, "r");
        utf8(out, "old.py");
        out.writeInt(2);
        return out;
    }

    private static void firstRow(DataOutputSerializer out, byte present) throws IOException {
        out.writeByte(present);
        utf8(out, "r");
        out.writeByte(present);
        utf8(out, "p.py");
        out.writeByte(present);
        utf8(out, "\u00e9\ud800");
        out.writeByte(present);
        out.writeLong(5L);
        out.writeByte(present);
        out.writeInt(-3);
        out.writeByte(present);
        out.writeBoolean(true);
        out.writeByte(present);
        out.writeDouble(Double.NaN);
    }

    private static void trailer(DataOutputSerializer out) throws IOException {
        out.writeInt(1);
        utf8(out, "gone");
    }

    private static void assertDecoded(OwnedRows back) {
        assertEquals(OWNER, back.owner());
        assertEquals(List.of(new Owner("r", "old.py")), back.released());
        assertArrayEquals(new Object[]{"r", "p.py", "\u00e9?", 5L, -3, true, Double.NaN}, back.rows(0).get(0));
        assertArrayEquals(SPARSE, back.rows(0).get(1));
        assertEquals(List.of("gone"), back.deletedKeys(0));
    }

    private static void utf8(DataOutputSerializer out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
