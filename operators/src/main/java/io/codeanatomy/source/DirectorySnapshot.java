package io.codeanatomy.source;

import io.codeanatomy.lang.Language;

import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The files of a plain directory, honouring every .gitignore on the way down (as git would) and
 * never following symbolic links. Blob ids are git's, so the same content has the same id in both
 * modes.
 */
final class DirectorySnapshot implements SnapshotListing {
    private final List<SnapshotEntry> entries;
    private final long maxFileBytes;
    private final ObjectInserter.Formatter blobIds = new ObjectInserter.Formatter();

    private DirectorySnapshot(List<SnapshotEntry> entries, long maxFileBytes) {
        this.entries = entries;
        this.maxFileBytes = maxFileBytes;
    }

    /** A directory with the ignore rules in force inside it, nearest last. */
    private static final class Dir {
        final File file;
        final String relative;
        final List<Rules> rules;

        Dir(File file, String relative, List<Rules> rules) {
            this.file = file;
            this.relative = relative;
            this.rules = rules;
        }
    }

    private static final class Rules {
        final String base;
        final IgnoreNode node;

        Rules(String base, IgnoreNode node) {
            this.base = base;
            this.node = node;
        }
    }

    static DirectorySnapshot list(String root, FileSelector selector) throws IOException {
        List<SnapshotEntry> entries = new ArrayList<>();
        Deque<Dir> todo = new ArrayDeque<>();
        todo.push(new Dir(new File(root), "", List.of()));
        while (!todo.isEmpty()) {
            Dir dir = todo.pop();
            List<Rules> rules = withOwnIgnoreFile(dir);
            File[] children = dir.file.listFiles();
            if (children == null) {
                continue;
            }
            Arrays.sort(children, Comparator.comparing(File::getName));
            for (File child : children) {
                Path p = child.toPath();
                if (Files.isSymbolicLink(p) || child.getName().equals(".git")) {
                    continue;
                }
                String relative = dir.relative.isEmpty() ? child.getName() : dir.relative + "/" + child.getName();
                boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                if (ignored(rules, relative, isDir)) {
                    continue;
                }
                if (isDir) {
                    todo.push(new Dir(child, relative, rules));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Optional<Language> language = selector.select(relative);
                    language.ifPresent(l -> entries.add(new SnapshotEntry(relative, l, child)));
                }
            }
        }
        entries.sort(Comparator.comparing(e -> e.path));
        return new DirectorySnapshot(entries, selector.maxFileBytes());
    }

    private static List<Rules> withOwnIgnoreFile(Dir dir) throws IOException {
        File gitignore = new File(dir.file, Constants.DOT_GIT_IGNORE);
        if (!gitignore.isFile()) {
            return dir.rules;
        }
        IgnoreNode node = new IgnoreNode();
        try (InputStream in = Files.newInputStream(gitignore.toPath())) {
            node.parse(gitignore.getPath(), in);
        }
        List<Rules> rules = new ArrayList<>(dir.rules);
        rules.add(new Rules(dir.relative, node));
        return rules;
    }

    /** The nearest .gitignore with an opinion decides, as in git. */
    private static boolean ignored(List<Rules> rules, String relative, boolean isDir) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rules r = rules.get(i);
            String local = r.base.isEmpty() ? relative : relative.substring(r.base.length() + 1);
            Boolean verdict = r.node.checkIgnored(local, isDir);
            if (verdict != null) {
                return verdict;
            }
        }
        return false;
    }

    @Override
    public List<SnapshotEntry> entries() {
        return entries;
    }

    @Override
    public FileChange read(SnapshotEntry entry, String repo, String commit) throws IOException {
        File file = (File) entry.handle;
        FileChange change = FileChange.add(repo, entry.path, commit, entry.language.id(), Files.size(file.toPath()));
        if (change.size > maxFileBytes) {
            change.skipReason = "too_large";
            try (InputStream in = Files.newInputStream(file.toPath())) {
                change.blobId = blobIds.idFor(Constants.OBJ_BLOB, change.size, in).name();
            }
        } else {
            change.content = Files.readAllBytes(file.toPath());
            change.size = change.content.length;
            change.blobId = blobIds.idFor(Constants.OBJ_BLOB, change.content).name();
        }
        return change;
    }

    @Override
    public void close() {
    }
}
