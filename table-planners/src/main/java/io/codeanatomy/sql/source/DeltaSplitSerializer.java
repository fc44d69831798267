package io.codeanatomy.sql.source;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

/**
 * Versioned bytes of a {@link DeltaSplit}; version 1: id, table path, version, file path, rows to skip,
 * the change's from-version (-1 for a file) and its removed and added files.
 */
public final class DeltaSplitSerializer implements SimpleVersionedSerializer<DeltaSplit> {
    public static final DeltaSplitSerializer INSTANCE = new DeltaSplitSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(DeltaSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public DeltaSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown DeltaSplit serializer version " + version + " (this build reads " + VERSION + ")");
        }
        return read(new DataInputDeserializer(serialized));
    }

    static void write(DeltaSplit split, DataOutputSerializer out) throws IOException {
        out.writeUTF(split.splitId());
        out.writeUTF(split.tablePath());
        out.writeLong(split.version());
        out.writeUTF(split.filePath());
        out.writeLong(split.rowsToSkip());
        out.writeLong(split.fromVersion());
        writeList(split.removedFiles(), out);
        writeList(split.addedFiles(), out);
    }

    private static void writeList(java.util.List<String> list, DataOutputSerializer out) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            out.writeUTF(s);
        }
    }

    private static java.util.List<String> readList(DataInputDeserializer in) throws IOException {
        int n = in.readInt();
        java.util.List<String> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }

    static DeltaSplit read(DataInputDeserializer in) throws IOException {
        return new DeltaSplit(in.readUTF(), in.readUTF(), in.readLong(), in.readUTF(), in.readLong(), in.readLong(),
                readList(in), readList(in));
    }
}
