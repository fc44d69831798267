package io.codeanatomy.resolve.python;

import java.util.List;

/**
 * What an import statement names, before resolution: {@code level} leading dots (0 for an absolute
 * import) and the dotted parts after them ({@code from .. import x} has level 2 and no parts).
 */
public record ImportSpec(int level, List<String> parts) {
    public ImportSpec {
        if (level < 0) {
            throw new IllegalArgumentException("negative import level " + level);
        }
        parts = List.copyOf(parts);
        if (level == 0 && parts.isEmpty()) {
            throw new IllegalArgumentException("an absolute import names a module");
        }
    }

    /** Parses {@code a.b}, {@code .a.b}, {@code ..}: the module part of an import as written. */
    public static ImportSpec parse(String text) {
        int level = 0;
        while (level < text.length() && text.charAt(level) == '.') {
            level++;
        }
        String rest = text.substring(level);
        return new ImportSpec(level, rest.isEmpty() ? List.of() : List.of(rest.split("\\.", -1)));
    }

    public boolean relative() {
        return level > 0;
    }

    /** The spec with {@code name} appended (the submodule {@code from spec import name} may mean). */
    public ImportSpec child(String name) {
        List<String> longer = new java.util.ArrayList<>(parts);
        longer.add(name);
        return new ImportSpec(level, longer);
    }

    @Override
    public String toString() {
        return ".".repeat(level) + String.join(".", parts);
    }
}
