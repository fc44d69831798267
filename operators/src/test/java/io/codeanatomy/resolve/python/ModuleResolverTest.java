package io.codeanatomy.resolve.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Module resolution checked against Python's own path finder on real packages of this machine's
 * site-packages, laid out as a repository with a src layout, an added root and a namespace package
 * split across two roots; then the rules Python's finder cannot show (stubs over modules).
 */
class ModuleResolverTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repo;

    @Test
    void resolvesEveryImportOfRealPackagesAsPythonsPathFinderDoes() throws Exception {
        Path site = sitePackages();
        for (String p : List.of("click", "attr", "attrs", "jinja2", "_pytest", "pydantic")) {
            copy(site.resolve(p), repo.resolve(p));
        }
        for (String p : List.of("werkzeug", "flask")) {
            copy(site.resolve(p), repo.resolve("src").resolve(p)); // a src layout: found through the detected root
        }
        for (String p : List.of("requests", "urllib3")) {
            copy(site.resolve(p), repo.resolve("lib").resolve(p)); // through an added root
        }
        copy(site.resolve("idna"), repo.resolve("nspkg/one")); // nspkg: a namespace package over two roots
        copy(site.resolve("yaml"), repo.resolve("lib/nspkg/two"));
        Files.writeString(repo.resolve("tool.py"), "import nspkg.one.core\nimport nspkg.two\nfrom nspkg import one, two\n"
                + "import flask.app\nimport requests.adapters\nimport json.decoder\nfrom . import nothing\n");

        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(repo)) {
            walk.filter(Files::isRegularFile).map(p -> repo.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".py") || p.endsWith(".pyi")).forEach(files::add);
        }
        List<String> roots = SearchRoots.of(files, List.of("lib"));
        assertEquals(List.of("", "src", "lib"), roots);
        ModuleResolver resolver = new ModuleResolver(files, roots);

        Map<String, Integer> tally = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (JsonNode q : oracle(roots)) {
            String importer = q.get("importer").asText();
            ImportSpec spec = ImportSpec.parse(q.get("spec").asText());
            String name = q.get("name").isNull() ? null : q.get("name").asText();
            String found = q.get("found").isNull() ? null : q.get("found").asText();
            String module = q.get("module").isNull() ? null : q.get("module").asText();
            assertEquals(module, resolver.moduleNameOf(importer).orElse(null), "module name of " + importer);
            if (found != null && found.startsWith("EXT:")) {
                tally.merge("skipped: a compiled module", 1, Integer::sum);
                continue;
            }
            String ours;
            if (name == null) {
                ours = describe(resolver.resolve(importer, spec), spec);
            } else {
                ours = resolver.submodule(importer, spec, name).map(t -> describe(t, spec)).orElse(null);
                if (found == null && ours == null) {
                    tally.merge("agreed: no submodule (an attribute)", 1, Integer::sum);
                    continue;
                }
            }
            String expected = found != null ? found : spec.relative() ? "UNRESOLVED" : "EXTERNAL:" + spec;
            if (expected.equals(ours)) {
                tally.merge("agreed: " + kind(expected, name), 1, Integer::sum);
            } else {
                wrong.add(importer + ": " + spec + (name == null ? "" : " import " + name) + " -> python " + expected
                        + ", ours " + ours);
            }
        }
        assertEquals(List.of(), wrong, tally.toString());
        for (String kind : List.of("agreed: module", "agreed: package", "agreed: namespace", "agreed: external",
                "agreed: unresolved", "agreed: submodule", "agreed: no submodule (an attribute)")) {
            assertTrue(tally.getOrDefault(kind, 0) > 0, "no case of " + kind + ": " + tally);
        }
        assertTrue(tally.values().stream().mapToInt(Integer::intValue).sum() > 1000, tally.toString());
    }

    @Test
    void aStubBesideAModuleIsPreferredAndARegularPackageHidesLaterRoots() {
        ModuleResolver r = new ModuleResolver(List.of("pkg/__init__.py", "pkg/__init__.pyi", "pkg/mod.py", "pkg/mod.pyi",
                "lib/pkg/extra.py", "lib/ns/a.py", "ns/b.py", "solo.py", "solo/inner.py"), List.of("", "lib"));
        assertEquals(new ModuleTarget.InRepo("pkg.mod", "pkg/mod.pyi", ModuleForm.MODULE), r.resolve("x.py", ImportSpec.parse("pkg.mod")));
        assertEquals(new ModuleTarget.InRepo("pkg", "pkg/__init__.pyi", ModuleForm.PACKAGE), r.resolve("x.py", ImportSpec.parse("pkg")));
        // pkg is a regular package in the first root: lib/pkg/extra.py is not part of it (as in Python).
        assertEquals(new ModuleTarget.External("pkg.extra"), r.resolve("x.py", ImportSpec.parse("pkg.extra")));
        // ns has no __init__ in either root: one namespace package with both portions.
        assertEquals(new ModuleTarget.InRepo("ns.a", "lib/ns/a.py", ModuleForm.MODULE), r.resolve("x.py", ImportSpec.parse("ns.a")));
        assertEquals(new ModuleTarget.InRepo("ns.b", "ns/b.py", ModuleForm.MODULE), r.resolve("x.py", ImportSpec.parse("ns.b")));
        // A module and a directory of the same name: the module wins, and has no submodules.
        assertEquals(new ModuleTarget.External("solo.inner"), r.resolve("x.py", ImportSpec.parse("solo.inner")));
        assertEquals(new ModuleTarget.InRepo("pkg.mod", "pkg/mod.pyi", ModuleForm.MODULE),
                r.resolve("pkg/__init__.py", ImportSpec.parse(".mod")));
        assertTrue(r.resolve("pkg/mod.py", ImportSpec.parse("...x")) instanceof ModuleTarget.Unresolved);
        assertEquals("pkg.mod", r.moduleNameOf("pkg/mod.pyi").orElseThrow());
        assertEquals("ns.a", r.moduleNameOf("lib/ns/a.py").orElseThrow(), "the shortest name over the roots");
    }

    private static String kind(String expected, String name) {
        if (name != null) {
            return "submodule";
        }
        if (expected.startsWith("NS:")) {
            return "namespace";
        }
        if (expected.startsWith("EXTERNAL:")) {
            return "external";
        }
        if (expected.equals("UNRESOLVED")) {
            return "unresolved";
        }
        return expected.endsWith("__init__.py") ? "package" : "module";
    }

    /** Our answer in the oracle's terms; a stub chosen over its module counts as the module Python loads. */
    private static String describe(ModuleTarget t, ImportSpec spec) {
        if (t instanceof ModuleTarget.InRepo in) {
            return in.form() == ModuleForm.NAMESPACE ? "NS:" + in.path()
                    : in.path().endsWith(".pyi") ? in.path().substring(0, in.path().length() - 1) : in.path();
        }
        return t instanceof ModuleTarget.External ? "EXTERNAL:" + spec : "UNRESOLVED";
    }

    private List<JsonNode> oracle(List<String> roots) throws IOException, InterruptedException {
        Path script = repo.getParent().resolve("import_oracle.py");
        try (var in = ModuleResolverTest.class.getResourceAsStream("/resolve/import_oracle.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of("python3", "-I", "-S", script.toString(), repo.toString()));
        command.addAll(roots);
        Path errors = repo.getParent().resolve("import_oracle.err");
        Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        List<JsonNode> out = new ArrayList<>();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        assertEquals(0, p.waitFor(), "the import oracle failed: " + Files.readString(errors));
        return out;
    }

    private static Path sitePackages() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").start();
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor());
        return Path.of(line);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path f : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    if (!f.getFileName().toString().equals("__pycache__")) {
                        Files.createDirectories(target);
                    }
                } else if (!f.toString().contains("__pycache__")) {
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target);
                }
            }
        }
    }
}
