package io.codeanatomy.migration;

import io.codeanatomy.source.GitChangeSource;
import io.codeanatomy.source.split.RepoSplit;
import io.codeanatomy.source.SnapshotSource;
import io.codeanatomy.source.split.SnapshotSplit;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The source states whose checkpoint form must stay readable: the split and enumerator state of both
 * sources, written by this build into {@code src/test/resources/migration} as
 * {@code <name>-v<serializer version>.bin}. Files written by earlier builds are kept there, so each
 * release adds its own and every old one is restored by {@code SourceStateMigrationTest}.
 */
final class SourceStateSnapshots {
    static final Path DIR = Path.of("src/test/resources/migration");

    static final RepoSplit REPO_SPLIT = new RepoSplit("repo-a", "/srv/git/repo-a", "main",
            "1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222", 1_700_000_123_456L,
            7, 3, List.of("pkg/a.py", "pkg/b.py"));
    static final RepoSplit REPO_SPLIT_FRESH = new RepoSplit("repo-b", "/srv/git/repo-b", "trunk", null, null, 0L, 0, 0,
            List.of());
    static final SnapshotSplit SNAPSHOT_SPLIT = new SnapshotSplit("repo-a", "/srv/git/repo-a",
            "3333333333333333333333333333333333333333", List.of("old/gone.py"), 12, 5);
    static final SnapshotSplit DIRECTORY_SPLIT = new SnapshotSplit("dir", "/srv/plain", null, List.of(), 0, 1);

    private SourceStateSnapshots() {
    }

    static void writeAll() throws IOException {
        GitChangeSource watch = new GitChangeSource(List.of(), null, java.time.Duration.ofSeconds(1));
        SnapshotSource snapshot = new SnapshotSource(List.of(), null);
        write("repo-split", watch.getSplitSerializer(), REPO_SPLIT);
        write("repo-split-fresh", watch.getSplitSerializer(), REPO_SPLIT_FRESH);
        write("git-change-enumerator", watch.getEnumeratorCheckpointSerializer(), List.of(REPO_SPLIT, REPO_SPLIT_FRESH));
        write("snapshot-split", snapshot.getSplitSerializer(), SNAPSHOT_SPLIT);
        write("snapshot-split-directory", snapshot.getSplitSerializer(), DIRECTORY_SPLIT);
        write("snapshot-enumerator", snapshot.getEnumeratorCheckpointSerializer(), List.of(SNAPSHOT_SPLIT, DIRECTORY_SPLIT));
    }

    private static <T> void write(String name, SimpleVersionedSerializer<T> serializer, T value) throws IOException {
        Files.createDirectories(DIR);
        Files.write(DIR.resolve(name + "-v" + serializer.getVersion() + ".bin"), serializer.serialize(value));
    }

    public static void main(String[] args) throws IOException {
        writeAll();
    }
}
