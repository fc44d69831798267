package io.codeanatomy.sql.source;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The enumerator's checkpointed state: the splits not yet handed to a reader, in plan order, and for a
 * changelog the last table version planned (-1 for a bounded read).
 */
public record PendingSplits(List<DeltaSplit> splits, long lastVersion) {
    /** Version 1: the last version, a count, then each split as {@link DeltaSplitSerializer} writes it. */
    public static final class Serializer implements SimpleVersionedSerializer<PendingSplits> {
        private static final int VERSION = 1;

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(PendingSplits state) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(1024);
            out.writeLong(state.lastVersion());
            out.writeInt(state.splits().size());
            for (DeltaSplit s : state.splits()) {
                DeltaSplitSerializer.write(s, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public PendingSplits deserialize(int version, byte[] serialized) throws IOException {
            if (version != VERSION) {
                throw new IOException("unknown PendingSplits serializer version " + version + " (this build reads " + VERSION + ")");
            }
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            long lastVersion = in.readLong();
            int n = in.readInt();
            List<DeltaSplit> splits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                splits.add(DeltaSplitSerializer.read(in));
            }
            return new PendingSplits(splits, lastVersion);
        }
    }
}
