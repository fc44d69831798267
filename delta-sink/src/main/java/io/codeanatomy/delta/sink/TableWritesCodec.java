package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.column.LengthPrefixedUtf8;
import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.record.Owner;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The binary form of {@link TableWrites}, shared by the write-result and committable serializers. */
final class TableWritesCodec {
    private TableWritesCodec() {
    }

    static void write(TableWrites writes, DataOutput out) throws IOException {
        out.writeInt(writes.owners().size());
        for (Owner o : writes.owners()) {
            out.writeUTF(o.repo());
            out.writeUTF(o.path());
        }
        out.writeInt(writes.keysByTable().size());
        for (Map.Entry<String, java.util.Set<String>> e : writes.keysByTable().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().size());
            for (String key : e.getValue()) {
                LengthPrefixedUtf8.write(out, key);
            }
        }
        out.writeInt(writes.filesByTable().size());
        for (Map.Entry<String, List<StagedFile>> e : writes.filesByTable().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().size());
            for (StagedFile f : e.getValue()) {
                out.writeUTF(f.path());
                out.writeLong(f.size());
                out.writeLong(f.modificationTime());
                LengthPrefixedUtf8.write(out, f.statsJson());
            }
        }
    }

    static TableWrites read(DataInput in) throws IOException {
        int ownerCount = in.readInt();
        List<Owner> owners = new ArrayList<>(ownerCount);
        for (int i = 0; i < ownerCount; i++) {
            owners.add(new Owner(in.readUTF(), in.readUTF()));
        }
        int keyTables = in.readInt();
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (int t = 0; t < keyTables; t++) {
            String table = in.readUTF();
            int n = in.readInt();
            List<String> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(LengthPrefixedUtf8.read(in));
            }
            keys.put(table, list);
        }
        int tableCount = in.readInt();
        Map<String, List<StagedFile>> files = new LinkedHashMap<>();
        for (int t = 0; t < tableCount; t++) {
            String table = in.readUTF();
            int n = in.readInt();
            List<StagedFile> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String path = in.readUTF();
                long size = in.readLong();
                long mtime = in.readLong();
                list.add(new StagedFile(path, size, mtime, LengthPrefixedUtf8.read(in)));
            }
            files.put(table, list);
        }
        return new TableWrites(owners, keys, files);
    }
}
