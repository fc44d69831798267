package io.codeanatomy.source.directory;

import io.codeanatomy.lang.Language;
import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileSelector;
import io.codeanatomy.source.listing.ListedChange;

import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.Constants;

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
 * The selected files of a plain directory (not a git repository), each an ADD, in path order:
 * every .gitignore on the way down is honoured (as git would) and symbolic links are never followed.
 */
public final class DirectorySnapshot {
    private DirectorySnapshot() {
    }

    /** A directory with the ignore rules in force inside it, nearest last. */
    private record Dir(File file, String relative, List<Rules> rules) {
    }

    private record Rules(String base, IgnoreNode node) {
    }

    public static List<ListedChange> list(String root, FileSelector selector) throws IOException {
        List<ListedChange> files = new ArrayList<>();
        Path rootPath = Path.of(root).toAbsolutePath().normalize();
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
                    language.ifPresent(l -> files.add(new ListedChange(ChangeKind.ADD, relative, null, l, new FileBlob(rootPath, p))));
                }
            }
        }
        files.sort(Comparator.comparing(ListedChange::path));
        return files;
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
}
