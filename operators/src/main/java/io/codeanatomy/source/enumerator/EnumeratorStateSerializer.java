package io.codeanatomy.source.enumerator;

import io.codeanatomy.source.split.CheckpointBytes;
import io.codeanatomy.source.split.VersionedSplitSerializer;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkpoint form of an enumerator's unassigned splits, for either source.
 * <ul>
 *   <li>{@link #VERSION_1}: a count, then each split in the split format of the build that wrote it,
 *   which the state does not record: each source says which one that was.</li>
 *   <li>{@link #VERSION_2}: the split format version, a count, then each split in that format, so a
 *   new split format needs no new state version and old states stay readable.</li>
 * </ul>
 */
public final class EnumeratorStateSerializer<S> implements SimpleVersionedSerializer<List<S>> {
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    public static final int CURRENT_VERSION = VERSION_2;

    private final VersionedSplitSerializer<S> splits;
    private final int splitVersionInVersion1;

    /** @param splitVersionInVersion1 the split format the last build writing {@link #VERSION_1} used */
    public EnumeratorStateSerializer(VersionedSplitSerializer<S> splits, int splitVersionInVersion1) {
        this.splits = splits;
        this.splitVersionInVersion1 = splitVersionInVersion1;
    }

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(List<S> state) throws IOException {
        return CheckpointBytes.write(out -> {
            out.writeInt(splits.getVersion());
            writeSplits(state, out);
        });
    }

    private void writeSplits(List<S> state, DataOutputStream out) throws IOException {
        out.writeInt(state.size());
        for (S s : state) {
            splits.write(s, out);
        }
    }

    @Override
    public List<S> deserialize(int version, byte[] serialized) throws IOException {
        return CheckpointBytes.readFully(serialized, "enumerator state version " + version, in -> switch (version) {
            case VERSION_1 -> readSplits(splitVersionInVersion1, in);
            case VERSION_2 -> readSplits(in.readInt(), in);
            default -> throw new IOException("unknown enumerator state version " + version
                    + " (this build reads versions up to " + CURRENT_VERSION + ")");
        });
    }

    private List<S> readSplits(int splitVersion, DataInputStream in) throws IOException {
        int n = in.readInt();
        List<S> state = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            state.add(splits.read(splitVersion, in));
        }
        return state;
    }
}
