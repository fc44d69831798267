package io.codeanatomy.resolve.python;

/** How a module of the repository is defined. */
public enum ModuleForm {
    /** A {@code .py} or {@code .pyi} file. */
    MODULE,
    /** A directory with an {@code __init__.py} or {@code __init__.pyi}. */
    PACKAGE,
    /** A directory without one (PEP 420): its portions under every search root merge. */
    NAMESPACE
}
