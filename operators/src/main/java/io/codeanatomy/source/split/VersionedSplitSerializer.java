package io.codeanatomy.source.split;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkpoint form of one kind of split: written at the current version, read at any version this
 * build knows. Reading and writing one split on a stream is public so that an enumerator's state can
 * embed splits in their own format.
 */
public abstract class VersionedSplitSerializer<S> implements SimpleVersionedSerializer<S> {
    private final String name;
    private final int currentVersion;

    protected VersionedSplitSerializer(String name, int currentVersion) {
        this.name = name;
        this.currentVersion = currentVersion;
    }

    @Override
    public final int getVersion() {
        return currentVersion;
    }

    /** Writes one split at {@link #getVersion()}. */
    public abstract void write(S split, DataOutputStream out) throws IOException;

    /** Reads one split written at {@code version}; fails with {@link #unknownVersion} for a version it does not know. */
    public abstract S read(int version, DataInputStream in) throws IOException;

    @Override
    public final byte[] serialize(S split) throws IOException {
        return CheckpointBytes.write(out -> write(split, out));
    }

    @Override
    public final S deserialize(int version, byte[] serialized) throws IOException {
        return CheckpointBytes.readFully(serialized, name + " version " + version, in -> read(version, in));
    }

    protected final IOException unknownVersion(int version) {
        return new IOException("unknown " + name + " serializer version " + version + " (this build reads versions up to "
                + getVersion() + ")");
    }

    protected static void writeNullable(String value, DataOutputStream out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    protected static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    protected static void writePaths(List<String> paths, DataOutputStream out) throws IOException {
        out.writeInt(paths.size());
        for (String p : paths) {
            out.writeUTF(p);
        }
    }

    protected static List<String> readPaths(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> paths = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            paths.add(in.readUTF());
        }
        return paths;
    }
}
