package io.codeanatomy.resolve.python;

/** Where an import leads: a module of the repository, a module outside it, or nowhere. */
public sealed interface ModuleTarget {
    /**
     * A module of the repository: its canonical dotted name, and the file that defines it (the
     * {@code .pyi} or {@code .py}, the package's {@code __init__}), or for a namespace package the
     * directory of its first portion.
     */
    record InRepo(String module, String path, ModuleForm form) implements ModuleTarget {
    }

    /** An absolute import no search root of the repository has: kept by its qualified name ({@code json}, {@code django.db}). */
    record External(String module) implements ModuleTarget {
    }

    /** A relative import that leaves the repository or names nothing in it. */
    record Unresolved(String reason) implements ModuleTarget {
    }
}
