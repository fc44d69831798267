package io.codeanatomy.source.reader;

import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;
import io.codeanatomy.source.FileSelector;
import io.codeanatomy.source.listing.ContentReader;
import io.codeanatomy.source.listing.ListedChange;
import io.codeanatomy.source.split.SnapshotSplit;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A snapshot lists its files in path order, then the DELETEs of prior paths it lacks in path order (the
 * order a split's position counts), the same way for a git commit and for a plain directory, and reads
 * each with the one content rule.
 */
class SnapshotListingTest {
    private static final List<String> PRIOR = List.of("zz.py", "a.py", "0.py", "doc.txt");
    private static final FileSelector SELECTOR = new FileSelector(List.of(), List.of(), 20);

    @TempDir
    Path dir;

    @Test
    void gitCommitAndDirectoryListTheSameChangesInTheSameOrder() throws Exception {
        write("a.py", "x = 1\n");
        write("b/c.py", "y = 2\n");
        write("big.py", "z = 3\n".repeat(10));
        write("README.md", "not source\n");
        List<String> expected = List.of("ADD a.py", "ADD b/c.py", "ADD big.py", "DELETE 0.py", "DELETE doc.txt",
                "DELETE zz.py");
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("t", "t@codeanatomy.invalid");
            RevCommit commit = git.commit().setMessage("c1").setAuthor(who).setCommitter(who).setSign(false).call();

            try (SnapshotListing gitListing = SnapshotListing.open(split(commit.name()), SELECTOR);
                 SnapshotListing dirListing = SnapshotListing.open(split(null), SELECTOR)) {
                assertEquals(expected, render(gitListing.entries()));
                assertEquals(expected, render(dirListing.entries()));
                assertEquals(commit.getCommitTime() * 1000L, gitListing.commitTime());
                assertEquals(0, dirListing.commitTime());
                for (int i = 0; i < expected.size(); i++) {
                    assertSameChange(gitListing.read(gitListing.entries().get(i), "r", null),
                            dirListing.read(dirListing.entries().get(i), "r", null));
                }

                FileChange big = gitListing.read(gitListing.entries().get(2), "r", commit.name());
                assertEquals(ContentReader.TOO_LARGE, big.skipReason);
                assertNull(big.content);
                assertEquals(60, big.size);
                FileChange doc = gitListing.read(gitListing.entries().get(4), "r", commit.name());
                assertEquals(ChangeKind.DELETE, doc.kind);
                assertEquals(ContentReader.UNKNOWN_LANGUAGE, doc.language);
            }
        }
    }

    private SnapshotSplit split(String commit) {
        return new SnapshotSplit("r", dir.toString(), commit, PRIOR, 0);
    }

    private static void assertSameChange(FileChange expected, FileChange actual) {
        assertEquals(expected.toString(), actual.toString());
        assertEquals(expected.kind, actual.kind);
        assertEquals(expected.language, actual.language);
        assertEquals(expected.size, actual.size);
        assertEquals(expected.skipReason, actual.skipReason);
        assertEquals(expected.version, actual.version);
        assertArrayEquals(expected.content, actual.content);
    }

    private static List<String> render(List<ListedChange> changes) {
        return changes.stream().map(ListedChange::toString).toList();
    }

    private void write(String path, String text) throws Exception {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }
}
