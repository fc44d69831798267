package io.codeanatomy.delta.record;

import io.codeanatomy.delta.column.TableCodecs;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one table of a record in the rows serializer's encoding, as they arrived: per row, per
 * column, a flag ({@link #ABSENT}, {@link #PRESENT} then the value in its column codec's encoding,
 * {@link #SAME_AS_ABOVE}). The sink's writer reads them with a {@link Cursor} straight into its Arrow
 * vectors, making Java objects only of the columns it needs as objects (keys, owner); anyone else gets
 * them decoded ({@link #decode()}, what {@link OwnedRows#rows} returns). The writer received a few
 * million rows per run, and decoding every string only to encode it again was a fifth of its time.
 */
public final class EncodedRows {
    public static final byte ABSENT = 0;
    public static final byte PRESENT = 1;
    /** The value of the same column in the row before: decodes to that very object. */
    public static final byte SAME_AS_ABOVE = 2;

    private final TableCodecs codecs;
    private final String table;
    private final byte[] bytes;
    private final int from;
    private final int to;
    private final int count;

    EncodedRows(TableCodecs codecs, String table, byte[] bytes, int from, int to, int count) {
        this.codecs = codecs;
        this.table = table;
        this.bytes = bytes;
        this.from = from;
        this.to = to;
        this.count = count;
    }

    /** Reads {@code count} rows from {@code in}, checking their flags, and appends their encoding to {@code out} unchanged. */
    static void copy(TableCodecs codecs, String table, int count, DataInputView in, DataOutputView out) throws IOException {
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < codecs.width(); c++) {
                byte flag = in.readByte();
                out.writeByte(flag);
                switch (flag) {
                    case ABSENT -> {
                    }
                    case PRESENT -> codecs.column(c).copyRecordValue(in, out);
                    case SAME_AS_ABOVE -> {
                        if (i == 0) {
                            throw firstRowRepeats(table);
                        }
                    }
                    default -> throw unknownFlag(table, flag);
                }
            }
        }
    }

    /** One row decoded from {@code in}: values repeated from {@code above} are its very objects. */
    static Object[] readRow(TableCodecs codecs, String table, Object[] above, DataInputView in) throws IOException {
        Object[] row = new Object[codecs.width()];
        for (int c = 0; c < row.length; c++) {
            byte flag = in.readByte();
            switch (flag) {
                case ABSENT -> {
                }
                case PRESENT -> row[c] = codecs.column(c).read(in);
                case SAME_AS_ABOVE -> {
                    if (above == null) {
                        throw firstRowRepeats(table);
                    }
                    row[c] = above[c];
                }
                default -> throw unknownFlag(table, flag);
            }
        }
        return row;
    }

    /**
     * Where received records are copied: Flink's serializer grows on array writes only, and fails a
     * copy from an input view that does not fit.
     */
    static final class Buffer extends DataOutputSerializer {
        Buffer(int size) {
            super(size);
        }

        @Override
        public void write(DataInputView source, int numBytes) throws IOException {
            int at = length();
            if (getSharedBuffer().length - at < numBytes) {
                write(new byte[numBytes]); // grows the buffer (by at least doubling: rarely)
                setPosition(at);
            }
            super.write(source, numBytes);
        }
    }

    private static IOException firstRowRepeats(String table) {
        return new IOException("table " + table + ": the first row repeats a row above it");
    }

    private static IOException unknownFlag(String table, byte flag) {
        return new IOException("table " + table + ": unknown value flag " + flag);
    }

    public int count() {
        return count;
    }

    /** The rows as value arrays. */
    List<Object[]> decode() {
        List<Object[]> rows = new ArrayList<>(count);
        DataInputDeserializer in = new DataInputDeserializer(bytes, from, to - from);
        Object[] above = null;
        try {
            for (int i = 0; i < count; i++) {
                above = readRow(codecs, table, above, in);
                rows.add(above);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("table " + table + ": rows checked when they arrived no longer decode", e);
        }
        return rows;
    }

    /** Writes the rows as the serializer does: their count, then their encoding. */
    void writeTo(DataOutputView out) throws IOException {
        out.writeInt(count);
        out.write(bytes, from, to - from);
    }

    public Cursor cursor() {
        return new Cursor();
    }

    /** Reads the rows in order: {@link #nextRow()}, then per column {@link #flag()} and, if PRESENT, the value. */
    public final class Cursor {
        private final DataInputDeserializer in = new DataInputDeserializer(bytes, from, to - from);
        private int left = count;

        public boolean nextRow() {
            return left-- > 0;
        }

        /** The next column's flag (checked when the rows arrived). */
        public byte flag() throws IOException {
            return in.readByte();
        }

        /** The value of a column whose flag is PRESENT, to be read off in its codec's encoding. */
        public DataInputView in() {
            return in; // a view (see ColumnCodec#readFromRecord): a DataInputDeserializer over bytes()
        }

        /** Where {@link #in()} is in {@link #bytes()}. */
        public int position() {
            return in.getPosition();
        }

        /** Moves {@link #in()} back to a position it had, to read a value again. */
        public void rewind(int position) {
            in.setBuffer(bytes, position, to - position);
        }

        /** The array {@link #in()} reads: a codec may copy bytes straight from it. */
        public byte[] bytes() {
            return bytes;
        }
    }
}
