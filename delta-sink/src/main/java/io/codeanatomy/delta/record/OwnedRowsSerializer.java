package io.codeanatomy.delta.record;

import io.codeanatomy.delta.column.LengthPrefixedUtf8;
import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.schema.TableSet;
import io.codeanatomy.delta.schema.TableSpec;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary encoding of {@link OwnedRows}, driven by the table schemas, so records never fall back to
 * Kryo: per row, a flag per column, then the value in its column codec's encoding when the flag is
 * {@link #PRESENT}. {@link #SAME_AS_ABOVE} (version 2) stands for the value of the same column in the
 * row before, and decodes to that very object: a file's rows repeat its repo, path, commit and
 * language in every row, and many kinds, keys and entity ids row after row, so records are about
 * half as large and the receiving side makes one String where it made one per row. Version 1 had
 * only {@link #ABSENT} and {@link #PRESENT}, so its bytes decode unchanged.
 */
public final class OwnedRowsSerializer extends TypeSerializer<OwnedRows> {
    private static final long serialVersionUID = 1L;
    static final byte ABSENT = EncodedRows.ABSENT;
    static final byte PRESENT = EncodedRows.PRESENT;
    static final byte SAME_AS_ABOVE = EncodedRows.SAME_AS_ABOVE;

    private final TableSet tables;
    private transient List<TableCodecs> codecs;

    public OwnedRowsSerializer(TableSet tables) {
        this.tables = tables;
    }

    /**
     * Where each thread copies a received record before keeping an exact-size copy: grown once to the
     * largest record, instead of a new buffer per record doubled a dozen times (a gigabyte of garbage
     * for the standard library).
     */
    private static final ThreadLocal<EncodedRows.Buffer> SCRATCH = ThreadLocal.withInitial(() -> new EncodedRows.Buffer(64 * 1024));

    @Override
    public boolean isImmutableType() {
        return true; // records are never mutated after they are emitted
    }

    @Override
    public TypeSerializer<OwnedRows> duplicate() {
        return this;
    }

    @Override
    public OwnedRows createInstance() {
        return OwnedRows.delete(new Owner("", ""), tables.size());
    }

    @Override
    public OwnedRows copy(OwnedRows from) {
        return from;
    }

    @Override
    public OwnedRows copy(OwnedRows from, OwnedRows reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(OwnedRows record, DataOutputView out) throws IOException {
        writeOwner(out, record.owner());
        out.writeByte(record.op().ordinal());
        out.writeInt(record.released().size());
        for (Owner o : record.released()) {
            writeOwner(out, o);
        }
        for (int t = 0; t < tables.size(); t++) {
            EncodedRows encoded = record.encoded(t);
            if (encoded != null) {
                encoded.writeTo(out); // as it arrived: the same bytes
            } else {
                List<Object[]> rows = record.rows(t);
                out.writeInt(rows.size());
                Object[] above = null;
                for (Object[] row : rows) {
                    writeRow(t, row, above, out);
                    above = row;
                }
            }
            List<String> keys = record.deletedKeys(t);
            out.writeInt(keys.size());
            for (String k : keys) {
                LengthPrefixedUtf8.write(out, k);
            }
        }
    }

    @Override
    public OwnedRows deserialize(DataInputView in) throws IOException {
        Owner owner = readOwner(in);
        OwnedRows.Op op = OwnedRows.Op.values()[in.readByte()];
        int releasedCount = in.readInt();
        List<Owner> released = new ArrayList<>(releasedCount);
        for (int i = 0; i < releasedCount; i++) {
            released.add(readOwner(in));
        }
        // The rows stay encoded (checked, not decoded): the sink's writer copies them into Arrow as they are.
        List<EncodedRows> rowsByTable = new ArrayList<>(tables.size());
        List<List<String>> keysByTable = new ArrayList<>(tables.size());
        EncodedRows.Buffer encoded = SCRATCH.get();
        encoded.clear();
        List<int[]> bounds = new ArrayList<>(tables.size());
        for (int t = 0; t < tables.size(); t++) {
            int n = in.readInt();
            int from = encoded.length();
            EncodedRows.copy(codecs(t), tables.tables().get(t).name(), n, in, encoded);
            bounds.add(new int[] {from, encoded.length(), n});
            int k = in.readInt();
            List<String> keys = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                keys.add(LengthPrefixedUtf8.read(in));
            }
            keysByTable.add(keys);
        }
        byte[] bytes = encoded.getCopyOfBuffer(); // exact size: the record may be held until its owner is staged
        for (int t = 0; t < tables.size(); t++) {
            int[] b = bounds.get(t);
            rowsByTable.add(new EncodedRows(codecs(t), tables.tables().get(t).name(), bytes, b[0], b[1], b[2]));
        }
        return OwnedRows.encoded(owner, op, released, rowsByTable, keysByTable);
    }

    @Override
    public OwnedRows deserialize(OwnedRows reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    private void writeRow(int table, Object[] row, Object[] above, DataOutputView out) throws IOException {
        TableCodecs codecs = codecs(table);
        for (int c = 0; c < codecs.width(); c++) {
            Object v = row[c];
            if (v == null) {
                out.writeByte(ABSENT);
            } else if (above != null && (v == above[c] || v.equals(above[c]))) {
                // equals, not identity: Double.equals compares bits, so what decodes is the same value
                out.writeByte(SAME_AS_ABOVE);
            } else {
                out.writeByte(PRESENT);
                codecs.column(c).write(v, out);
            }
        }
    }

    /**
     * Built on first use, as the serializer travels Java-serialized in the job graph. An immutable
     * list (final fields) so a thread racing on the first use sees a complete one.
     */
    private TableCodecs codecs(int table) {
        List<TableCodecs> built = codecs;
        if (built == null) {
            built = tables.tables().stream().map(TableCodecs::of).toList();
            codecs = built;
        }
        return built.get(table);
    }

    private static void writeOwner(DataOutputView out, Owner owner) throws IOException {
        LengthPrefixedUtf8.write(out, owner.repo());
        LengthPrefixedUtf8.write(out, owner.path());
    }

    private static Owner readOwner(DataInputView in) throws IOException {
        return new Owner(LengthPrefixedUtf8.read(in), LengthPrefixedUtf8.read(in));
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof OwnedRowsSerializer;
    }

    @Override
    public int hashCode() {
        return OwnedRowsSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<OwnedRows> snapshotConfiguration() {
        return new Snapshot(tables);
    }

    /** Stores the table schemas so a restored job decodes state written before an upgrade. */
    public static final class Snapshot implements TypeSerializerSnapshot<OwnedRows> {
        private TableSet tables;

        public Snapshot() {
        }

        Snapshot(TableSet tables) {
            this.tables = tables;
        }

        /** 2: rows may repeat a value of the row above ({@link #SAME_AS_ABOVE}); 1 decodes the same way. */
        @Override
        public int getCurrentVersion() {
            return 2;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            byte[] bytes = InstantiationUtil.serializeObject(tables);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            if (readVersion > getCurrentVersion()) {
                throw new IOException("rows serializer snapshot version " + readVersion + " was written by a newer CodeAnatomy (this one reads up to "
                        + getCurrentVersion() + ")");
            }
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            try {
                tables = InstantiationUtil.deserializeObject(bytes, classLoader);
            } catch (ClassNotFoundException e) {
                throw new IOException("cannot restore the table schemas of a serializer snapshot", e);
            }
        }

        @Override
        public TypeSerializer<OwnedRows> restoreSerializer() {
            return new OwnedRowsSerializer(tables);
        }

        @Override
        public TypeSerializerSchemaCompatibility<OwnedRows> resolveSchemaCompatibility(
                TypeSerializerSnapshot<OwnedRows> oldSnapshot) {
            if (oldSnapshot instanceof Snapshot
                    && describe(((Snapshot) oldSnapshot).tables).equals(describe(tables))) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }

        private static String describe(TableSet tables) {
            StringBuilder sb = new StringBuilder();
            for (TableSpec t : tables.tables()) {
                sb.append(t.name()).append(TableCodecs.of(t).deltaSchema()).append(';');
            }
            return sb.toString();
        }
    }
}
