package io.codeanatomy.resolve.python;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The directories of a repository absolute imports are searched from, in order: the repository root;
 * then {@code src} when the repository has Python files under it and no {@code src/__init__.py(i)}
 * (a src layout, as Pyright's {@code autoSearchPaths} detects it); then the roots the user added.
 * Roots are repository-relative directories, {@code ""} being the root.
 */
public final class SearchRoots {
    private SearchRoots() {
    }

    public static List<String> of(Collection<String> pythonFiles, List<String> added) {
        Set<String> files = Set.copyOf(pythonFiles);
        Set<String> roots = new LinkedHashSet<>();
        roots.add("");
        boolean srcFiles = files.stream().anyMatch(p -> p.startsWith("src/"));
        if (srcFiles && !files.contains("src/__init__.py") && !files.contains("src/__init__.pyi")) {
            roots.add("src");
        }
        for (String root : added) {
            roots.add(normalize(root));
        }
        return new ArrayList<>(roots);
    }

    /** A root as given ({@code ./lib/}, {@code lib}) as a repository-relative directory without slashes around it. */
    public static String normalize(String root) {
        String r = root.replace('\\', '/');
        while (r.startsWith("./")) {
            r = r.substring(2);
        }
        while (r.startsWith("/")) {
            r = r.substring(1);
        }
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        if (r.equals(".")) {
            return "";
        }
        for (String part : r.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("--python-root " + root + " leaves the repository");
            }
        }
        return r;
    }
}
