package io.codeanatomy.job;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.TablePaths;
import io.codeanatomy.job.cli.CodeAnatomyMain;
import io.codeanatomy.schema.CpgSchema;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A warehouse damaged behind CodeAnatomy's back: a commit of the Delta log cut in half, a data file
 * deleted, a table someone else created with other columns. `index` and `maintain --compact` must
 * fail (exit 1) with one line naming the table and the file (or the columns that differ), the stack
 * trace going to the log only: the user has to know what to repair, not read Kernel's internals.
 */
class CorruptWarehouseTest {
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    /** One real warehouse, written by `index`, copied for each way of breaking it. */
    private static Path pristine;
    private static Path repo;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void index() throws Exception {
        repo = shared.resolve("repo");
        Files.createDirectories(repo);
        for (String f : List.of("fnmatch.py", "textwrap.py", "bisect.py")) {
            Files.copy(StdlibRepo.stdlib().resolve(f), repo.resolve(f));
        }
        pristine = shared.resolve("pristine");
        // Twice, under two repository ids: each table gets two small files, so compaction reads them.
        for (String id : List.of("first", "second")) {
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            int code = CodeAnatomyMain.run(new String[] {"index", "--repo", repo.toString(), "--repo-id", id,
                "--warehouse", pristine.toString(), "--parallelism", "2"}, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(e, true, StandardCharsets.UTF_8));
            assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
        }
    }

    private Path copy() throws IOException {
        Path warehouse = tmp.resolve("wh");
        try (Stream<Path> all = Files.walk(pristine)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path to = warehouse.resolve(pristine.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return warehouse;
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return CodeAnatomyMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The first line of stderr: the one the user reads; the rest may only point at the log. */
    private String failure(Path warehouse, String... command) {
        String[] args = Stream.concat(Stream.of(command), Stream.of("--warehouse", warehouse.toString()))
                .toArray(String[]::new);
        int code = run(args);
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, text + out.toString(StandardCharsets.UTF_8));
        assertFalse(text.contains("\tat "), "no stack trace on the terminal: " + text);
        List<String> lines = text.lines().toList();
        assertTrue(lines.size() <= 2 && (lines.size() < 2 || lines.get(1).startsWith("(full stack trace in the log")), text);
        return lines.get(0);
    }

    private String index(Path warehouse) {
        return failure(warehouse, "index", "--repo", repo.toString(), "--repo-id", "first", "--parallelism", "2");
    }

    private String compact(Path warehouse) {
        return failure(warehouse, "maintain", "--compact");
    }

    @Test
    void aTruncatedCommitIsNamed() throws Exception {
        Path warehouse = copy();
        Path log = warehouse.resolve(CpgSchema.FILES).resolve("_delta_log");
        Path last;
        try (Stream<Path> commits = Files.list(log)) {
            last = commits.filter(p -> p.getFileName().toString().endsWith(".json")).max(Comparator.naturalOrder()).orElseThrow();
        }
        byte[] json = Files.readAllBytes(last);
        Files.write(last, java.util.Arrays.copyOf(json, json.length / 2)); // a crash or a full disk mid-write
        for (String line : List.of(index(warehouse), compact(warehouse))) {
            assertTrue(line.contains(warehouse.resolve(CpgSchema.FILES).toString()), line);
            assertTrue(line.contains(last.getFileName().toString()), line);
        }
    }

    @Test
    void aMissingDataFileIsNamed() throws Exception {
        Path warehouse = copy();
        Path table = warehouse.resolve(CpgSchema.FILES);
        List<Path> parquet;
        try (Stream<Path> files = Files.list(table)) {
            parquet = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        assertFalse(parquet.isEmpty());
        for (Path p : parquet) {
            Files.delete(p); // every one, so whichever the reader opens first is missing
        }
        for (String line : List.of(index(warehouse), compact(warehouse))) {
            assertTrue(line.contains(table.toString()), line);
            assertTrue(parquet.stream().anyMatch(p -> line.contains(p.getFileName().toString())), line);
        }
    }

    @Test
    void aTableWithAnotherSchemaNamesTheColumnsThatDiffer() throws Exception {
        Path warehouse = copy();
        Path table = warehouse.resolve(CpgSchema.FILES);
        try (Stream<Path> all = Files.walk(table)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        // Someone else's table under our name: some of our columns, one of its own, one of another type.
        Engine engine = EngineFactory.create();
        StructType theirs = new StructType().add("repo", StringType.STRING).add("path", StringType.STRING)
                .add("size_bytes", StringType.STRING).add("owner_team", StringType.STRING).add("version", LongType.LONG);
        TableManager.buildCreateTableTransaction(TablePaths.tablePath(warehouse.toString(), CpgSchema.FILES), theirs,
                "someone-else/1.0").build(engine).commit(engine, CloseableIterable.emptyIterable());
        // Maintenance must not rewrite or vacuum a table that is not ours either.
        for (String line : List.of(index(warehouse), compact(warehouse),
                failure(warehouse, "maintain", "--vacuum", "--retain", "0", "--unsafe-retention"))) {
            assertTrue(line.contains(table.toString()), line);
            assertTrue(line.contains("owner_team"), line);
            assertTrue(line.contains("parse_status"), line);
            assertTrue(line.contains("size_bytes is string, not long"), line);
            assertFalse(line.contains("StructField"), "the columns that differ, not both schemas: " + line);
        }
    }
}
