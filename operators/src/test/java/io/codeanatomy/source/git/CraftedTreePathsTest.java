package io.codeanatomy.source.git;

import io.codeanatomy.extract.CstLayer;
import io.codeanatomy.source.FileChange;
import io.codeanatomy.source.FileSelector;
import io.codeanatomy.source.listing.ListedChange;
import io.codeanatomy.source.reader.SnapshotListing;
import io.codeanatomy.source.split.SnapshotSplit;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A git tree crafted with JGit (git itself refuses to write these) holding a {@code ..} entry and a name
 * with a backslash: each such entry is reported under an escaped, normalized path and never read; the
 * well-formed file next to them is indexed as usual.
 */
class CraftedTreePathsTest {
    @TempDir
    Path dir;

    @Test
    void dotDotAndBackslashEntriesAreReportedUnderEscapedPathsNeverRead() throws Exception {
        String commit;
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Repository repository = git.getRepository();
            try (ObjectInserter insert = repository.newObjectInserter()) {
                ObjectId blob = insert.insert(Constants.OBJ_BLOB, "x = 1\n".getBytes(StandardCharsets.UTF_8));
                TreeFormatter inner = new TreeFormatter();
                inner.append("x.py", FileMode.REGULAR_FILE, blob);
                ObjectId innerTree = insert.insert(inner);
                TreeFormatter root = new TreeFormatter(); // entries in git's byte order
                root.append("..", FileMode.TREE, innerTree);
                root.append("a\\b.py", FileMode.REGULAR_FILE, blob);
                root.append("ok.py", FileMode.REGULAR_FILE, blob);
                CommitBuilder c = new CommitBuilder();
                c.setTreeId(insert.insert(root));
                PersonIdent who = new PersonIdent("t", "t@codeanatomy.invalid");
                c.setAuthor(who);
                c.setCommitter(who);
                c.setMessage("crafted");
                ObjectId id = insert.insert(c);
                insert.flush();
                RefUpdate ref = repository.updateRef("refs/heads/main");
                ref.setNewObjectId(id);
                ref.forceUpdate();
                commit = id.name();
            }
        }
        List<FileChange> read = new ArrayList<>();
        try (SnapshotListing listing = SnapshotListing.open(new SnapshotSplit("r", dir.toString(), commit, List.of(), 0),
                FileSelector.defaults())) {
            for (ListedChange e : listing.entries()) {
                read.add(listing.read(e, "r", commit));
            }
        }
        assertEquals(List.of("%2E%2E/x.py", "a%5Cb.py", "ok.py"), read.stream().map(c -> c.path).toList());
        for (FileChange bad : read.subList(0, 2)) {
            assertNull(bad.content, bad.path + " was read");
            assertTrue(bad.skipReason.startsWith("refused: the path '"), bad.skipReason);
            try (CstLayer layer = new CstLayer(true)) {
                assertEquals("file_refused", layer.analyze(bad).extraction.problems.get(0).code);
            }
        }
        assertTrue(read.get(0).skipReason.contains("'../x.py' has a '..' segment"), read.get(0).skipReason);
        assertTrue(read.get(1).skipReason.contains("holds a backslash"), read.get(1).skipReason);
        assertNotNull(read.get(2).content, "the well-formed file is read");
    }
}
