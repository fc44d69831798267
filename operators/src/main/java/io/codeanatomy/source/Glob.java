package io.codeanatomy.source;

import java.util.regex.Pattern;

/**
 * A path glob with git's meaning: {@code *} and {@code ?} stay inside one path segment, {@code **}
 * crosses segments, and {@code **}{@code /} also matches no directory at all. A pattern without a
 * slash matches the file name at any depth, as in .gitignore.
 */
public final class Glob {
    private final String pattern;
    private final Pattern regex;

    public Glob(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("empty glob");
        }
        this.pattern = pattern;
        String p = pattern.startsWith("/") ? pattern.substring(1) : (pattern.contains("/") ? pattern : "**/" + pattern);
        this.regex = Pattern.compile(toRegex(p));
    }

    private static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                boolean doubleStar = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                if (doubleStar) {
                    boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                    re.append(slashAfter ? "(?:.*/)?" : ".*");
                    i += slashAfter ? 2 : 1;
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
