package io.codeanatomy.source.directory;

import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;
import io.codeanatomy.source.FileSelector;
import io.codeanatomy.source.listing.ListedChange;
import io.codeanatomy.source.reader.SnapshotListing;
import io.codeanatomy.source.split.SnapshotSplit;

import io.codeanatomy.extract.CstLayer;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectorySnapshotTest {
    @TempDir
    Path dir;

    private void write(String path, String content) throws Exception {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private List<String> paths(FileSelector selector) throws Exception {
        List<String> out = new ArrayList<>();
        try (SnapshotListing listing = SnapshotListing.open(new SnapshotSplit("r", dir.toString(), null, List.of(), 0), selector)) {
            for (ListedChange e : listing.entries()) {
                out.add(e.path());
            }
        }
        return out;
    }

    @Test
    void honoursNestedGitignoreFilesAndSkipsLinksAndOtherLanguages() throws Exception {
        write(".gitignore", "build/\n*.gen.py\n");
        write("a.py", "x = 1\n");
        write("b.gen.py", "x = 2\n");
        write("build/c.py", "x = 3\n");
        write("pkg/.gitignore", "local.py\n!keep.gen.py\n");
        write("pkg/local.py", "x = 4\n");
        write("pkg/keep.gen.py", "x = 5\n");
        write("pkg/mod.py", "x = 6\n");
        write("README.md", "# not source\n");
        write(".git/config", "not a repository, just a folder to skip\n");
        Files.createSymbolicLink(dir.resolve("link.py"), dir.resolve("a.py"));

        assertEquals(List.of("a.py", "pkg/keep.gen.py", "pkg/mod.py"), paths(FileSelector.defaults()));
        assertEquals(List.of("pkg/keep.gen.py", "pkg/mod.py"),
                paths(new FileSelector(List.of("pkg/**"), List.of(), FileSelector.DEFAULT_MAX_FILE_BYTES)));
        assertEquals(List.of("a.py"),
                paths(new FileSelector(List.of(), List.of("pkg/**"), FileSelector.DEFAULT_MAX_FILE_BYTES)));
    }

    @Test
    void readsContentWithGitBlobIdsAndRecordsOversizedFilesWithoutContent() throws Exception {
        write("small.py", "print('hi')\n");
        write("big.py", "x = 1\n".repeat(100));
        try (SnapshotListing listing = SnapshotListing.open(new SnapshotSplit("r", dir.toString(), null, List.of(), 0),
                new FileSelector(List.of(), List.of(), 100))) {
            FileChange big = listing.read(listing.entries().get(0), "r", null);
            FileChange small = listing.read(listing.entries().get(1), "r", null);
            assertEquals("big.py", big.path);
            assertNull(big.content);
            assertEquals("too_large", big.skipReason);
            assertEquals(600, big.size);
            byte[] bytes = "x = 1\n".repeat(100).getBytes(StandardCharsets.UTF_8);
            assertEquals(new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, bytes).name(), big.blobId);
            assertEquals("print('hi')\n", new String(small.content, StandardCharsets.UTF_8));
            assertEquals(ChangeKind.ADD, small.kind);
        }
    }

    /** A file swapped for a link after the listing, or reached through a swapped directory, is refused, never read. */
    @Test
    void aFileSwappedForALinkAfterTheListingIsRefusedNotReadFromOutside(@TempDir Path outside) throws Exception {
        write("a.py", "x = 1\n");
        write("pkg/m.py", "y = 2\n");
        Files.writeString(outside.resolve("secret.py"), "password = 'outside the repository'\n");
        Files.writeString(outside.resolve("m.py"), "password = 'outside the repository'\n");
        try (SnapshotListing listing = SnapshotListing.open(new SnapshotSplit("r", dir.toString(), null, List.of(), 0),
                FileSelector.defaults())) {
            List<ListedChange> entries = listing.entries();
            assertEquals(List.of("a.py", "pkg/m.py"), entries.stream().map(ListedChange::path).toList());
            Files.delete(dir.resolve("a.py"));
            Files.createSymbolicLink(dir.resolve("a.py"), outside.resolve("secret.py"));
            Files.move(dir.resolve("pkg"), dir.resolve("pkg-moved"));
            Files.createSymbolicLink(dir.resolve("pkg"), outside);

            for (ListedChange entry : entries) {
                FileChange read = listing.read(entry, "r", null);
                assertNull(read.content, entry.path() + " was read through a link");
                assertTrue(read.skipReason.startsWith("refused: " + entry.path()), read.skipReason);
                try (CstLayer layer = new CstLayer(true)) {
                    var extraction = layer.analyze(read).extraction;
                    assertEquals("skipped_refused", extraction.parseStatus);
                    assertEquals("file_refused", extraction.problems.get(0).code);
                }
            }
        }
    }
}
