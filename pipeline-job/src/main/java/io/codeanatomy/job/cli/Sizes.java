package io.codeanatomy.job.cli;

import java.util.Locale;

/** Parses sizes such as {@code 512k}, {@code 10MB} or {@code 1048576} into bytes. */
public final class Sizes {
    private Sizes() {
    }

    public static long parseBytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long factor = 1;
        if (t.endsWith("k")) {
            factor = 1024;
        } else if (t.endsWith("m")) {
            factor = 1024 * 1024;
        } else if (t.endsWith("g")) {
            factor = 1024L * 1024 * 1024;
        }
        if (factor > 1) {
            t = t.substring(0, t.length() - 1);
        }
        long n;
        try {
            n = Long.parseLong(t.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size (use e.g. 10MB, 512k or a byte count)");
        }
        if (n <= 0) {
            throw new IllegalArgumentException("must be positive");
        }
        return n * factor;
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
