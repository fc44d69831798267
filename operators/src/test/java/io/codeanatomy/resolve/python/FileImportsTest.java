package io.codeanatomy.resolve.python;

import io.codeanatomy.cpg.CpgRowWriter;
import io.codeanatomy.cpg.FileRows;
import io.codeanatomy.cpg.PythonFileChanges;
import io.codeanatomy.cpg.python.PythonGraphRules;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.extract.cpython.InstalledPython;
import io.codeanatomy.extract.python.PythonCstExtractor;
import io.codeanatomy.schema.CpgSchema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The imports the linker will resolve, read from a file's rows, equal the imports Python's own ast
 * finds (module, member, bound name, module level or not) on every top-level module of this
 * machine's standard library.
 */
class FileImportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theImportsOfTheStandardLibraryAreWhatPythonsAstFinds() throws Exception {
        Path stdlib = InstalledPython.stdlib();
        List<Path> files;
        try (Stream<Path> list = Files.list(stdlib)) {
            files = list.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        assertTrue(files.size() > 150, "stdlib modules: " + files.size());
        List<String> ours = new ArrayList<>();
        try (PythonCstExtractor extractor = new PythonCstExtractor()) {
            for (Path f : files) {
                byte[] src = Files.readAllBytes(f);
                OwnedRows rows = new CpgRowWriter().write(FileHeader.of(PythonFileChanges.added(f.toString(), src)), extractor.extract(src),
                        PythonGraphRules.INSTANCE);
                for (ImportItem i : FileImports.of(new FileRows(table(rows, CpgSchema.NODES), table(rows, CpgSchema.EDGES),
                        table(rows, CpgSchema.PROPS)))) {
                    ours.add(line(f.toString(), i.module().toString(), i.member(), i.boundName(), i.moduleLevel()));
                }
            }
        }
        List<String> python = new ArrayList<>();
        for (JsonNode j : oracle(files)) {
            python.add(line(j.get("path").asText(), j.get("spec").asText(), text(j.get("member")), text(j.get("bound")),
                    j.get("module_level").asBoolean()));
        }
        ours.sort(String::compareTo);
        python.sort(String::compareTo);
        assertTrue(python.size() > 1000, "imports: " + python.size());
        assertEquals(python, ours);
    }

    private static String line(String path, String spec, String member, String bound, boolean moduleLevel) {
        return path + " | " + spec + " | " + member + " | " + bound + " | " + (moduleLevel ? "module" : "local");
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static List<Object[]> table(OwnedRows rows, String table) {
        return rows.rows(CpgSchema.TABLES.position(table));
    }

    private List<JsonNode> oracle(List<Path> files) throws Exception {
        Path script = tmp.resolve("imports_oracle.py");
        try (var in = FileImportsTest.class.getResourceAsStream("/resolve/imports_oracle.py")) {
            Files.copy(in, script);
        }
        List<String> command = new ArrayList<>(List.of("python3", "-I", script.toString()));
        files.forEach(f -> command.add(f.toString()));
        Process p = new ProcessBuilder(command).redirectError(tmp.resolve("err").toFile()).start();
        List<JsonNode> out = new ArrayList<>();
        for (String l : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                out.add(JSON.readTree(l));
            }
        }
        assertEquals(0, p.waitFor(), Files.readString(tmp.resolve("err")));
        return out;
    }
}
