package io.codeanatomy.resolve.python;

/**
 * One imported item of a file, as the linker needs it: the IMPORT node, the module it names, the
 * member a {@code from} import takes from it ({@code *} for a star import; null for a plain
 * {@code import}), the name it binds in the importing scope (null for a star import), and whether it
 * is at module level (what a module can re-export; an import inside a function or class is local).
 */
public record ImportItem(String nodeId, ImportSpec module, String member, String boundName, boolean moduleLevel) {
    public boolean star() {
        return "*".equals(member);
    }
}
