package io.codeanatomy.resolve.python;

/**
 * One imported item of a file, as the linker needs it: the IMPORT node, the module it names, the
 * member a {@code from} import takes from it ({@code *} for a star import; null for a plain
 * {@code import}), the name it binds in the importing scope (null for a star import), the VARIABLE
 * node that binding is (null when the scope layer has none, e.g. a file it could not analyse), and
 * whether it is at module level (what a module can re-export; an import inside a function or class is
 * local), and whether it has an {@code as} name.
 */
public record ImportItem(String nodeId, ImportSpec module, String member, String boundName, String boundVariable,
                         boolean moduleLevel, boolean aliased) {
    public boolean star() {
        return "*".equals(member);
    }

    /** A plain {@code import a.b.c} without {@code as}: it binds {@code a}, the top-level package. */
    public boolean bindsTopLevel() {
        return member == null && !aliased;
    }
}
