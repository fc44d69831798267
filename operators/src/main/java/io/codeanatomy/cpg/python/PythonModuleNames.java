package io.codeanatomy.cpg.python;

/** The dotted module name of a Python file from its repository path ({@code a/b/__init__.py} is {@code a.b}). */
public final class PythonModuleNames {
    private PythonModuleNames() {
    }

    public static String of(String path) {
        String p = path;
        int dot = p.lastIndexOf('.');
        if (dot > p.lastIndexOf('/')) {
            p = p.substring(0, dot);
        }
        if (p.endsWith("/__init__")) {
            p = p.substring(0, p.length() - "/__init__".length());
        } else if (p.equals("__init__")) {
            p = "";
        }
        return p.replace('/', '.');
    }
}
