package io.codeanatomy.job;

import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.job.cli.CodeAnatomyMain;
import io.codeanatomy.schema.CpgSchema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `--warehouse` is a URI: a `file:` URI and a relative path both work and keep the table locations; a bad scheme is named. */
class WarehouseLocationTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CodeAnatomyMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aFileUriAndARelativePathIndexTheSameRowsAtTheSameTableLocations() throws Exception {
        Path dir = tmp.resolve("plain");
        Files.createDirectories(dir);
        for (String f : new String[] {"fnmatch.py", "textwrap.py"}) {
            Files.copy(StdlibRepo.stdlib().resolve(f), dir.resolve(f));
        }
        Path byUri = tmp.resolve("by-uri");
        Path byRelativePath = tmp.resolve("by-relative-path");
        String relative = Path.of("").toAbsolutePath().relativize(byRelativePath).toString();
        assertTrue(!Path.of(relative).isAbsolute(), relative);

        assertEquals(0, run("index", "--repo", dir.toString(), "--warehouse", byUri.toUri().toString(),
                "--parallelism", "1"), err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run("index", "--repo", dir.toString(), "--warehouse", relative, "--parallelism", "1"),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isDirectory(byUri.resolve(CpgSchema.FILES).resolve("_delta_log")));
        assertTrue(Files.isDirectory(byRelativePath.resolve(CpgSchema.FILES).resolve("_delta_log")));
        assertEquals(WarehouseRows.read(byUri).canonical(), WarehouseRows.read(byRelativePath).canonical());

        // The table location of a local warehouse is what it was when warehouses were plain directories.
        String before = byUri.toAbsolutePath().normalize().resolve(CpgSchema.FILES).toUri().toString();
        assertEquals(before, TablePaths.tablePath(byUri.toString(), CpgSchema.FILES));
        assertEquals(before, TablePaths.tablePath(byUri.toUri().toString(), CpgSchema.FILES));
        assertEquals(before, TablePaths.tablePath("file://" + byUri.toAbsolutePath(), CpgSchema.FILES));
        assertEquals(byRelativePath.toAbsolutePath().normalize().resolve(CpgSchema.FILES).toUri().toString(),
                TablePaths.tablePath(relative, CpgSchema.FILES));
        assertTrue(TablePaths.exists(byUri.toUri().toString(), CpgSchema.FILES));
        assertTrue(!TablePaths.exists(tmp.resolve("nothing").toUri().toString(), CpgSchema.FILES));
    }

    @Test
    void anUnknownSchemeFailsFastNamingTheOption() throws Exception {
        String bad = "nosuchfs://bucket/wh";
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("git"), java.util.List.of("fnmatch.py"))) {
            repo.commit("one");
            String[][] commands = {
                    {"index", "--repo", repo.dir.toString(), "--warehouse", bad},
                    {"watch", "--repo", repo.dir.toString(), "--warehouse", bad},
                    {"maintain", "--warehouse", bad, "--vacuum"}};
            for (String[] command : commands) {
                err.reset();
                assertEquals(2, run(command), command[0]);
                String message = err.toString(StandardCharsets.UTF_8);
                assertTrue(message.contains("--warehouse " + bad) && message.contains("scheme 'nosuchfs:'"),
                        command[0] + ": " + message);
            }
        }
        // A scheme Hadoop knows but whose jar is absent (hadoop-azure; s3a's is in the jar) fails the same way.
        String azure = "abfs://container@account.dfs.core.windows.net/wh";
        err.reset();
        assertEquals(2, run("index", "--repo", tmp.toString(), "--warehouse", azure));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--warehouse " + azure)
                && err.toString(StandardCharsets.UTF_8).contains("scheme 'abfs:'"), err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("index", "--repo", tmp.toString(), "--warehouse", "file://otherhost/wh"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--warehouse file://otherhost/wh"),
                err.toString(StandardCharsets.UTF_8));
    }
}
