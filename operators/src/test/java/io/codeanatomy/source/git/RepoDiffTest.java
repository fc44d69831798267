package io.codeanatomy.source.git;

import io.codeanatomy.source.FileSelector;
import io.codeanatomy.source.listing.ListedChange;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tree diffs between commits of a real git repository: renames, selection, first-parent stepping, rewrites. */
class RepoDiffTest {
    @TempDir
    Path dir;

    @Test
    void changesBetweenCommitsWithRenamesAndTheSelection() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            write("a.py", "def a():\n    return 1\n");
            write("b.py", "def b():\n    return 2\n" + "# padding so the rename is found by content\n".repeat(20));
            write("README.md", "not source\n");
            String c1 = commit(git, "c1");
            write("c.py", Files.readString(dir.resolve("b.py")));
            Files.delete(dir.resolve("b.py"));
            write("a.py", "def a():\n    return 10\n");
            String c2 = commit(git, "c2");
            Files.move(dir.resolve("a.py"), dir.resolve("a.txt"));
            write("pkg.py/__init__.py", "x = 1\n");
            String c3 = commit(git, "c3");

            try (RepoDiff diff = new RepoDiff(git.getRepository(), FileSelector.defaults())) {
                assertEquals(List.of("ADD a.py", "ADD b.py", "DELETE gone.py"), render(diff.between(null, c1, List.of("gone.py", "a.py"))));
                assertEquals(List.of("MODIFY a.py", "DELETE b.py", "RENAME b.py -> c.py"), render(diff.between(c1, c2, List.of())));
                assertEquals(List.of("DELETE a.py", "ADD pkg.py/__init__.py"), render(diff.between(c2, c3, List.of())),
                        "renamed out of the selection is a delete");
                assertEquals(c2, diff.nextCommit(c1, c3, 100), "every commit in turn");
                assertEquals(c3, diff.nextCommit(c2, c3, 100));
                assertEquals(c3, diff.nextCommit(c1, c3, 1), "too far back: straight to the head");

                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(c1).call();
                write("d.py", "d = 4\n");
                String c4 = commit(git, "rewritten");
                assertEquals(c4, diff.nextCommit(c3, c4, 100), "a rewrite is diffed tree to tree");
                assertEquals(List.of("ADD a.py", "RENAME c.py -> b.py", "DELETE c.py", "ADD d.py", "DELETE pkg.py/__init__.py"),
                        render(diff.between(c3, c4, List.of())));
            }
        }
    }

    @Test
    void rereadsPutRightPathsWhoseRowsCameFromACommitTheHistoryNoLongerHas() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            write("a.py", "a = 1\n");
            write("b.py", "b = 1\n");
            String c1 = commit(git, "c1");
            write("c.py", "c = 1\n");
            String c2 = commit(git, "c2");
            write("flash.py", "f = 1\n");
            String dropped = commit(git, "dropped by the force push");
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(c2).call();
            write("b.py", "b = 2\n");
            String c3 = commit(git, "c3");

            try (RepoDiff diff = new RepoDiff(git.getRepository(), FileSelector.defaults())) {
                assertEquals(java.util.Set.of("b.py"), diff.changedPaths(c2, c3), "rows as of c2 are right at c3 but for b.py");
                assertEquals(java.util.Set.of("c.py", "flash.py"), diff.changedPaths(dropped, c1),
                        "an ancestor's tree is not the head's: rows as of the dropped commit are wrong for what it changed");
                assertEquals(java.util.Set.of("c.py"), diff.changedPaths(c1, c2));
                List<ListedChange> rereads = diff.withRereads(diff.between(c2, c3, List.of()), c3,
                        List.of("flash.py", "a.py", "b.py", "README.md"));
                assertEquals(List.of("DELETE README.md", "MODIFY a.py", "MODIFY b.py", "DELETE flash.py"), render(rereads),
                        "present: read again from the head; gone: deleted; already in the diff: once");
                assertEquals(new String(java.nio.file.Files.readAllBytes(dir.resolve("a.py"))),
                        new String(rereads.get(1).blob().read().bytes(), StandardCharsets.UTF_8));
            }
        }
    }

    private static List<String> render(List<ListedChange> entries) {
        return entries.stream().map(ListedChange::toString).collect(Collectors.toList());
    }

    private void write(String path, String text) throws Exception {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static String commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("t", "t@codeanatomy.invalid");
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call().name();
    }
}
