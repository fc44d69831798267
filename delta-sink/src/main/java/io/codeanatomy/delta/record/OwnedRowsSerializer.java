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
 * Kryo: per row, a presence flag per column, then the value in its column codec's encoding.
 */
public final class OwnedRowsSerializer extends TypeSerializer<OwnedRows> {
    private static final long serialVersionUID = 1L;

    private final TableSet tables;
    private transient List<TableCodecs> codecs;

    public OwnedRowsSerializer(TableSet tables) {
        this.tables = tables;
    }

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
            List<Object[]> rows = record.rows(t);
            out.writeInt(rows.size());
            for (Object[] row : rows) {
                writeRow(t, row, out);
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
        List<List<Object[]>> rowsByTable = new ArrayList<>(tables.size());
        List<List<String>> keysByTable = new ArrayList<>(tables.size());
        for (int t = 0; t < tables.size(); t++) {
            int n = in.readInt();
            List<Object[]> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                rows.add(readRow(t, in));
            }
            rowsByTable.add(rows);
            int k = in.readInt();
            List<String> keys = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                keys.add(LengthPrefixedUtf8.read(in));
            }
            keysByTable.add(keys);
        }
        return new OwnedRows(owner, op, released, rowsByTable, keysByTable);
    }

    @Override
    public OwnedRows deserialize(OwnedRows reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    private void writeRow(int table, Object[] row, DataOutputView out) throws IOException {
        TableCodecs codecs = codecs(table);
        for (int c = 0; c < codecs.width(); c++) {
            Object v = row[c];
            out.writeBoolean(v != null);
            if (v != null) {
                codecs.column(c).write(v, out);
            }
        }
    }

    private Object[] readRow(int table, DataInputView in) throws IOException {
        TableCodecs codecs = codecs(table);
        Object[] row = new Object[codecs.width()];
        for (int c = 0; c < row.length; c++) {
            if (in.readBoolean()) {
                row[c] = codecs.column(c).read(in);
            }
        }
        return row;
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

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            byte[] bytes = InstantiationUtil.serializeObject(tables);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
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
