package io.codeanatomy.source;

import io.codeanatomy.lang.Language;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which paths of a snapshot are indexed: files of a supported language, inside the include globs
 * (all when none are given) and outside the exclude globs. Files over the size limit are still
 * emitted, without content, so they become an extract_errors row rather than vanish.
 */
public final class FileSelector implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;

    private final List<String> includes;
    private final List<String> excludes;
    private final long maxFileBytes;
    private transient List<Glob> includeGlobs;
    private transient List<Glob> excludeGlobs;

    public FileSelector(List<String> includes, List<String> excludes, long maxFileBytes) {
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("--max-file-size must be positive, was " + maxFileBytes);
        }
        this.includes = List.copyOf(includes);
        this.excludes = List.copyOf(excludes);
        this.maxFileBytes = maxFileBytes;
        globs(); // fail fast on a bad pattern
    }

    public static FileSelector defaults() {
        return new FileSelector(List.of(), List.of(), DEFAULT_MAX_FILE_BYTES);
    }

    /** The language of a path that is selected, or empty when the path is not indexed. */
    public Optional<Language> select(String path) {
        Optional<Language> language = Language.forPath(path);
        if (language.isEmpty()) {
            return language;
        }
        globs();
        if (!includeGlobs.isEmpty() && includeGlobs.stream().noneMatch(g -> g.matches(path))) {
            return Optional.empty();
        }
        if (excludeGlobs.stream().anyMatch(g -> g.matches(path))) {
            return Optional.empty();
        }
        return language;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    private void globs() {
        if (includeGlobs == null) {
            includeGlobs = compile(includes);
            excludeGlobs = compile(excludes);
        }
    }

    private static List<Glob> compile(List<String> patterns) {
        List<Glob> globs = new ArrayList<>();
        for (String p : patterns) {
            globs.add(new Glob(p));
        }
        return globs;
    }
}
