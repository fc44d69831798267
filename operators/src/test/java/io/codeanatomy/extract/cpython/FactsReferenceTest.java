package io.codeanatomy.extract.cpython;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The helper walks the AST and reads symbol flags its own faster way; on real code (the standard
 * library's top level and a few packages) it must give exactly what {@code ast.walk} and symtable's
 * {@code is_*} methods give, in the same order.
 */
class FactsReferenceTest {
    @TempDir
    Path tmp;

    @Test
    void theHelpersWalksGiveWhatAstWalkAndSymtableGive() throws Exception {
        Path helper = copy("cpython_facts.py", CPythonHelper.class);
        Path check = copy("facts_reference_check.py", FactsReferenceTest.class);
        Path stdlib = InstalledPython.stdlib();
        List<String> command = new ArrayList<>(List.of("python3", check.toString(), helper.toString()));
        for (String dir : List.of("email", "json", "encodings", "asyncio", "importlib")) {
            command.add(stdlib.resolve(dir).toString());
        }
        Path topLevel = Files.createDirectories(tmp.resolve("stdlib-top"));
        try (var files = Files.list(stdlib)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".py")).toList()) {
                Files.copy(f, topLevel.resolve(f.getFileName()));
            }
        }
        command.add(topLevel.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        int checked = Integer.parseInt(out.replaceAll(".*checked (\\d+) files.*", "$1"));
        assertTrue(checked > 300, out);
    }

    private Path copy(String resource, Class<?> owner) throws Exception {
        Path target = tmp.resolve(resource);
        try (InputStream in = owner.getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
        return target;
    }
}
