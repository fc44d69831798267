package io.codeanatomy.cpg.python;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Module symbols and their escaping, and symbols as the dotted names other tools print. */
class PythonSymbolNamesTest {
    @Test
    void moduleSymbolsAreEscapedAsScipPythonWritesThem() {
        assertEquals("attrs/", PythonSymbols.moduleSymbol("attrs"));
        assertEquals("`pkg.mod`/", PythonSymbols.moduleSymbol("pkg.mod"));
        assertEquals("pkg.mod", PythonSymbols.moduleOf("`pkg.mod`/"));
        assertEquals("we`ird", PythonSymbols.moduleOf(PythonSymbols.moduleSymbol("we`ird")));
    }

    @Test
    void symbolsReadAsDottedNames() {
        assertEquals("pkg.mod", PythonSymbols.dotted("`pkg.mod`/"));
        assertEquals("pkg.mod.Class", PythonSymbols.dotted("`pkg.mod`/Class#"));
        assertEquals("pkg.mod.Class.method", PythonSymbols.dotted("`pkg.mod`/Class#method()."));
        assertEquals("mod.f.x", PythonSymbols.dotted("mod/f().(x)"));
        assertEquals("mod.f.g", PythonSymbols.dotted("mod/f().g()."));
        assertEquals("mod.Class.attr", PythonSymbols.dotted("mod/Class#attr."));
        assertEquals("json.dumps", PythonSymbols.dotted("json.dumps"));
        assertEquals("we`ird.f", PythonSymbols.dotted("`we``ird`/f()."));
    }
}
