package io.codeanatomy.scope.python;

/**
 * Python's private name mangling: inside a class body (and everything nested in it) {@code __x} is the
 * variable {@code _Class__x}, as CPython's {@code _Py_Mangle} spells it. symtable and the runtime only
 * know the mangled name, so scopes resolve by it.
 */
final class PrivateNames {
    private PrivateNames() {
    }

    /** The class name as it goes into mangled names (leading underscores dropped), or null if nothing is left. */
    static String prefix(String className) {
        int k = 0;
        while (k < className.length() && className.charAt(k) == '_') {
            k++;
        }
        return k == className.length() ? null : "_" + className.substring(k);
    }

    static String mangle(String name, String prefix) {
        if (prefix == null || !name.startsWith("__") || name.endsWith("__") || name.indexOf('.') >= 0) {
            return name;
        }
        return prefix + name;
    }
}
