package io.codeanatomy.resolve.python;

/**
 * What a cross-file reference resolves to: a symbol of the repository ({@code symbol} as the defining
 * file names it in {@code symbols}, {@code kind} its symbol kind or {@code NAMESPACE}), or a name
 * outside it ({@code EXTERNAL}, by its dotted name), or nothing ({@code UNRESOLVED}, by the dotted
 * name that was looked for). {@code resolution} says how, {@code hops} how many re-exports were
 * followed, {@code confidence} how sure it is.
 */
public record LinkTarget(String symbol, String kind, String resolution, int hops, double confidence) {
    public static final String EXTERNAL = "EXTERNAL";
    public static final String UNRESOLVED = "UNRESOLVED";
    public static final String NAMESPACE = "NAMESPACE";
    public static final String MODULE = "MODULE";

    static LinkTarget external(String dotted) {
        return new LinkTarget(dotted, EXTERNAL, "external", 0, 1.0);
    }

    static LinkTarget unresolved(String dotted, String why) {
        return new LinkTarget(dotted, UNRESOLVED, why, 0, 1.0);
    }

    public boolean resolved() {
        return !kind.equals(UNRESOLVED);
    }

    /** The same target reached through one more re-export. */
    LinkTarget hop() {
        return new LinkTarget(symbol, kind, resolution, hops + 1, confidence);
    }

    LinkTarget as(String how) {
        return new LinkTarget(symbol, kind, how, hops, confidence);
    }

    LinkTarget atMost(double cap) {
        return new LinkTarget(symbol, kind, resolution, hops, Math.min(confidence, cap));
    }

    LinkTarget times(double factor) {
        return new LinkTarget(symbol, kind, resolution, hops, confidence * factor);
    }
}
