package io.codeanatomy.job.sql;

/** Symbols as dotted qualified names, as Python's own tools print them. */
final class CallEdgeNames {
    private CallEdgeNames() {
    }

    /** {@code `pkg.mod`/Class#f().} and {@code mod/f().} as {@code pkg.mod.Class.f}; a dotted outside name stays. */
    static String dotted(String symbol) {
        if (!symbol.contains("/")) {
            return symbol;
        }
        String module;
        String rest;
        if (symbol.startsWith("`")) {
            int end = symbol.indexOf('`', 1);
            module = symbol.substring(1, end);
            rest = symbol.substring(end + 2);
        } else {
            int slash = symbol.indexOf('/');
            module = symbol.substring(0, slash);
            rest = symbol.substring(slash + 1);
        }
        rest = rest.replace("().", ".").replace('#', '.');
        while (rest.endsWith(".")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return rest.isEmpty() ? module : module + "." + rest;
    }
}
