package io.codeanatomy.job;

import io.codeanatomy.delta.schema.TableRow;
import io.codeanatomy.job.cli.CodeAnatomyMain;
import io.codeanatomy.schema.CpgSchema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The `codeanatomy` command line: usage errors name the setting; bad files become rows, not failures. */
class CodeAnatomyCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CodeAnatomyMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpForTheCommandAndEachSubcommand() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("index"));
        assertEquals(0, run("index", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--max-file-size"));
        assertEquals(2, run());
    }

    @Test
    void badUsageFailsFastNamingTheSetting() throws Exception {
        assertEquals(2, run("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"), err());

        assertEquals(2, run("index", "--warehouse", tmp.toString()));
        assertTrue(err().contains("missing required option --repo"), err());

        assertEquals(2, run("index", "--repo", tmp.resolve("nope").toString(), "--warehouse", tmp.toString()));
        assertTrue(err().contains("--repo") && err().contains("no such directory"), err());

        assertEquals(2, run("index", "--repo", tmp.toString(), "--warehouse", tmp.toString(), "--colour"));
        assertTrue(err().contains("unknown option --colour"), err());

        assertEquals(2, run("index", "--repo", tmp.toString(), "--warehouse", tmp.toString(), "--rev", "main"));
        assertTrue(err().contains("--rev main") && err().contains("not a git repository"), err());

        assertEquals(2, run("index", "--repo", tmp.toString(), "--warehouse", tmp.toString(), "--parallelism", "0"));
        assertTrue(err().contains("--parallelism 0"), err());

        assertEquals(2, run("index", "--repo", tmp.toString(), "--warehouse", tmp.toString(), "--max-file-size", "big"));
        assertTrue(err().contains("--max-file-size big"), err());

        assertEquals(2, run("index", "--repo", tmp.toString(), "--warehouse", tmp.toString(), "--python-root", "../lib"));
        assertTrue(err().contains("--python-root") && err().contains("leaves the repository"), err());

        Files.writeString(tmp.resolve("file"), "x");
        assertEquals(2, run("index", "--repo", tmp.toString(), "--warehouse", tmp.resolve("file").toString()));
        assertTrue(err().contains("--warehouse") && err().contains("not a directory"), err());

        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("git"), java.util.List.of("fnmatch.py"))) {
            repo.commit("one");
            assertEquals(2, run("index", "--repo", repo.dir.toString(), "--warehouse", tmp.resolve("wh").toString(),
                    "--rev", "no-such-branch"));
            assertTrue(err().contains("--rev no-such-branch does not name a commit"), err());
        }
    }

    @Test
    void maintainCompactsAndVacuumsWithoutChangingRows() throws Exception {
        assertEquals(2, run("maintain", "--warehouse", tmp.toString()));
        assertTrue(err().contains("nothing to do"), err());
        assertEquals(2, run("maintain", "--warehouse", tmp.toString(), "--vacuum", "--retain", "0"));
        assertTrue(err().contains("--retain 0 hours is below the safe minimum"), err());

        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("git"), IndexJobTest.FILES)) {
            repo.commit("one");
            Path warehouse = tmp.resolve("wh");
            assertEquals(0, run("index", "--repo", repo.dir.toString(), "--warehouse", warehouse.toString(),
                    "--parallelism", "2"), err());
            assertEquals(0, run("index", "--repo", repo.dir.toString(), "--warehouse", warehouse.toString(),
                    "--parallelism", "2"), err()); // replaces every file: the first run's files become garbage
            Map<String, java.util.List<String>> before = WarehouseRows.read(warehouse).canonical();
            int nodeFiles = WarehouseRows.activeFiles(warehouse, "cpg_nodes"); // one per writer that got rows
            assertEquals(0, run("maintain", "--warehouse", warehouse.toString(), "--compact", "--vacuum", "--retain", "0",
                    "--unsafe-retention"), err());
            String report = out.toString(StandardCharsets.UTF_8);
            assertTrue(nodeFiles >= 2, "several files to compact: " + nodeFiles);
            assertTrue(report.matches("(?s).*cpg_nodes compact: [2-9]\\d* files.*"), report);
            // The layout, read back from the files: owner-sorted, at most 8 source files each, ranges disjoint.
            // (Not fewer files than before: the two writers' interleaved files are cut again in owner
            // order, where the row bound may separate small files from big neighbours.)
            List<List<String>> layout = WarehouseRows.ownersByFile(warehouse, CpgSchema.NODES);
            String lastOwner = "";
            for (List<String> owners : layout) {
                assertTrue(owners.size() <= io.codeanatomy.delta.kernel.FileLayout.DEFAULT.maxOwnersPerFile(), layout.toString());
                assertTrue(owners.get(0).compareTo(lastOwner) > 0, "disjoint owner ranges: " + layout);
                lastOwner = owners.get(owners.size() - 1);
            }
            assertTrue(report.matches("(?s).*cpg_nodes vacuum: deleted [1-9].*"), report);
            assertEquals(before, WarehouseRows.read(warehouse).canonical());
        }
    }

    @Test
    void badFilesBecomeRowsAndTheJobGoesOn() throws Exception {
        Path dir = tmp.resolve("plain");
        Files.createDirectories(dir.resolve("ignored"));
        Files.copy(StdlibRepo.stdlib().resolve("fnmatch.py"), dir.resolve("fnmatch.py"));
        Files.write(dir.resolve("binary.py"), new byte[] {'x', '=', 0, 1, 2, '\n'});
        Files.writeString(dir.resolve("broken.py"), "def f(:\n    pass\nclass\n");
        Files.writeString(dir.resolve("big.py"), "x = 1\n".repeat(2000));
        Files.writeString(dir.resolve("empty.py"), "");
        Files.writeString(dir.resolve("ignored/skip.py"), "x = 1\n");
        Files.writeString(dir.resolve(".gitignore"), "ignored/\n");
        Path warehouse = tmp.resolve("wh");

        int code = run("index", "--repo", dir.toString(), "--warehouse", warehouse.toString(),
                "--max-file-size", "8k", "--parallelism", "2");
        assertEquals(0, code, err());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("indexed 5 files"), out.toString(StandardCharsets.UTF_8));

        WarehouseRows rows = WarehouseRows.read(warehouse);
        Map<String, String> status = new TreeMap<>();
        for (TableRow f : rows.rows(CpgSchema.FILES)) {
            status.put(f.string("path"), f.string("parse_status"));
            assertEquals(null, f.string("commit"), "a plain directory has no commit");
        }
        assertEquals(Map.of("big.py", "skipped_too_large", "binary.py", "skipped_binary", "broken.py", "syntax_errors",
                "empty.py", "ok", "fnmatch.py", "ok"), status);
        Map<String, String> codes = new TreeMap<>();
        for (TableRow e : rows.rows(CpgSchema.ERRORS)) {
            codes.merge(e.string("path"), e.string("code"), (a, b) -> a.compareTo(b) < 0 ? a : b);
        }
        assertEquals("file_too_large", codes.get("big.py"));
        assertEquals("binary_file", codes.get("binary.py"));
        assertTrue(codes.get("broken.py").equals("missing_token") || codes.get("broken.py").equals("syntax_error"));
        assertEquals(null, codes.get("fnmatch.py"));
    }
}
