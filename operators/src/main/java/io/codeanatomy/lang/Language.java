package io.codeanatomy.lang;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Languages the indexer recognises, by file name extension. */
public enum Language {
    PYTHON("python", List.of(".py", ".pyi"));

    private final String id;
    private final List<String> extensions;

    Language(String id, List<String> extensions) {
        this.id = id;
        this.extensions = extensions;
    }

    public String id() {
        return id;
    }

    public static Optional<Language> forPath(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            for (String ext : language.extensions) {
                if (lower.endsWith(ext)) {
                    return Optional.of(language);
                }
            }
        }
        return Optional.empty();
    }

    public static Language byId(String id) {
        for (Language language : values()) {
            if (language.id.equals(id)) {
                return language;
            }
        }
        throw new IllegalArgumentException("unknown language " + id);
    }
}
