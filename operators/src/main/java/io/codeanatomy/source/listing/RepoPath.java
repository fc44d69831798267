package io.codeanatomy.source.listing;

/**
 * The rule for the paths written into the tables: repository-relative, '/'-separated, normalized. A
 * git tree can be crafted with entries such as {@code ..}, names holding a backslash, or empty names,
 * and a file on disk may have a backslash in its name; such a path is reported (an error row under an
 * escaped path), never read, never followed.
 */
public final class RepoPath {
    private RepoPath() {
    }

    /** Why the path may not be used as it is, or null when it is fine. */
    public static String problem(String path) {
        if (path.isEmpty()) {
            return "is empty";
        }
        if (path.startsWith("/")) {
            return "is absolute";
        }
        if (path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))) {
            return "starts with a drive letter";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\') {
                return "holds a backslash";
            }
            if (c < 0x20) {
                return "holds a control character";
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "has a '" + segment + "' segment";
            }
        }
        return null;
    }

    /**
     * A normalized stand-in for a bad path, under which its error row is owned: '%', '\\', control
     * characters, a leading '/' and '.'-only segments are percent-escaped, so two bad paths never meet.
     */
    public static String escape(String path) {
        StringBuilder out = new StringBuilder();
        String[] segments = path.split("/", -1);
        for (int s = 0; s < segments.length; s++) {
            String segment = segments[s];
            if (s > 0) {
                out.append('/');
            }
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                out.append("%2E".repeat(segment.length())).append(segment.isEmpty() ? "%00" : "");
                continue;
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c == '%' || c == '\\' || c < 0x20 || (s == 0 && i == 1 && c == ':')) {
                    out.append('%').append(String.format("%02X", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}
