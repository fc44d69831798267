package io.codeanatomy.migration;

import io.codeanatomy.source.GitChangeSource;
import io.codeanatomy.source.SnapshotSource;
import io.codeanatomy.source.split.PriorPath;
import io.codeanatomy.source.split.RepoSplit;
import io.codeanatomy.source.split.SnapshotSplit;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The source states whose checkpoint form must stay readable: the split and enumerator state of both
 * sources, written by this build into {@code src/test/resources/migration} as
 * {@code <name>-v<serializer version>.bin} (run {@link #main} from the operators module). Files written
 * by earlier builds are kept there and never rewritten, so each new format version adds its own file
 * and every old one is restored by {@code SourceStateMigrationTest}.
 */
final class SourceStateSnapshots {
    static final Path DIR = Path.of("src/test/resources/migration");

    static final RepoSplit REPO_SPLIT = new RepoSplit("repo-a", "/srv/git/repo-a", "main",
            "1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222", 1_700_000_123_456L,
            7, 3, List.of(PriorPath.unsettled("pkg/a.py"), PriorPath.unsettled("pkg/b.py")));
    /** Resumed from a head with prior paths and their commits (split format 2 and later). */
    static final RepoSplit REPO_SPLIT_RESUMED = new RepoSplit("repo-c", "/srv/git/repo-c", "main",
            "4444444444444444444444444444444444444444", null, 0L, 0, 9,
            List.of(new PriorPath("a.py", "4444444444444444444444444444444444444444"), PriorPath.unsettled("b.py"),
                    new PriorPath("c/d.py", "5555555555555555555555555555555555555555")));
    static final RepoSplit REPO_SPLIT_FRESH = new RepoSplit("repo-b", "/srv/git/repo-b", "trunk", null, null, 0L, 0, 0,
            List.of());
    static final SnapshotSplit SNAPSHOT_SPLIT = new SnapshotSplit("repo-a", "/srv/git/repo-a",
            "3333333333333333333333333333333333333333", List.of("old/gone.py"), 12, 5);
    static final SnapshotSplit DIRECTORY_SPLIT = new SnapshotSplit("dir", "/srv/plain", null, List.of(), 0, 1);

    static final GitChangeSource WATCH = new GitChangeSource(List.of(), null, Duration.ofSeconds(1));
    static final SnapshotSource SNAPSHOT = new SnapshotSource(List.of(), null);

    /** One state: the name of its files, this build's serializer for it, and the value every file of it holds. */
    record State<T>(String name, SimpleVersionedSerializer<T> serializer, T value) {
        String fileName(int version) {
            return name + "-v" + version + ".bin";
        }
    }

    static final List<State<?>> STATES = List.of(
            new State<>("repo-split", WATCH.getSplitSerializer(), REPO_SPLIT),
            new State<>("repo-split-fresh", WATCH.getSplitSerializer(), REPO_SPLIT_FRESH),
            new State<>("repo-split-resumed", WATCH.getSplitSerializer(), REPO_SPLIT_RESUMED),
            new State<>("git-change-enumerator", WATCH.getEnumeratorCheckpointSerializer(),
                    List.of(REPO_SPLIT, REPO_SPLIT_FRESH)),
            new State<>("snapshot-split", SNAPSHOT.getSplitSerializer(), SNAPSHOT_SPLIT),
            new State<>("snapshot-split-directory", SNAPSHOT.getSplitSerializer(), DIRECTORY_SPLIT),
            new State<>("snapshot-enumerator", SNAPSHOT.getEnumeratorCheckpointSerializer(),
                    List.of(SNAPSHOT_SPLIT, DIRECTORY_SPLIT)));

    private SourceStateSnapshots() {
    }

    static void writeAll() throws IOException {
        Files.createDirectories(DIR);
        for (State<?> state : STATES) {
            write(state);
        }
    }

    /** Writes the state at the current version, unless a file of that version is already there. */
    private static <T> void write(State<T> state) throws IOException {
        Path file = DIR.resolve(state.fileName(state.serializer().getVersion()));
        byte[] bytes = state.serializer().serialize(state.value());
        if (!Files.exists(file)) {
            Files.write(file, bytes);
        } else if (!Arrays.equals(bytes, Files.readAllBytes(file))
                && !state.value().equals(state.serializer().deserialize(state.serializer().getVersion(), Files.readAllBytes(file)))) {
            // Other bytes that still read as the value are fine: an enumerator state embeds the split
            // format it was written with, so a new split format changes its bytes, not its version.
            throw new IllegalStateException(file + " holds other bytes than this build writes at the same version: "
                    + "a changed format needs a new version (the file is left as it is)");
        }
    }

    public static void main(String[] args) throws IOException {
        writeAll();
    }
}
