package io.codeanatomy.source.enumerator;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A watched directory that is not (or no longer) a readable repository is counted, with its cause, until it reads again. */
class BranchHeadReaderTest {
    @TempDir
    Path dir;

    @Test
    void anUnreadableRepositoryIsCountedUntilItCanBeReadAgain() throws Exception {
        Path good = dir.resolve("good");
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        String head = commit(good);
        Map<String, WatchedBranch> watched = new TreeMap<>(Map.of(
                "good", new WatchedBranch(good.toString(), "main"), "bad", new WatchedBranch(bad.toString(), "main")));
        BranchHeadReader reader = new BranchHeadReader(Duration.ofMinutes(5), System::currentTimeMillis);

        assertEquals(Map.of("good", head), reader.read(watched));
        assertEquals(1, reader.unreadable());
        assertEquals(1, reader.failures());
        assertTrue(reader.cause("bad").contains(bad.toString()), reader.cause("bad"));
        assertNull(reader.cause("good"));
        reader.read(watched);
        assertEquals(2, reader.failures(), "every failed read is counted");

        String fixed = commit(bad);
        assertEquals(Map.of("good", head, "bad", fixed), reader.read(watched));
        assertEquals(0, reader.unreadable());
        assertNull(reader.cause("bad"));
    }

    private static String commit(Path repo) throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("a.py"), "a = 1\n");
            git.add().addFilepattern("a.py").call();
            return git.commit().setMessage("c").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call().name();
        }
    }
}
