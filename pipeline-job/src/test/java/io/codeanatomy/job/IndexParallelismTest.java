package io.codeanatomy.job;

import io.codeanatomy.job.cli.ParsedOptions;
import io.codeanatomy.job.cli.SourceSize;
import io.codeanatomy.job.index.IndexCommand;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The index command's parallelism without --parallelism: one task below 2 MB of source, else one per core. */
class IndexParallelismTest {
    @TempDir
    Path dir;

    @Test
    void aSmallRepositoryRunsOneTaskPerOperator() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("small"));
        Files.writeString(repo.resolve("a.py"), "x = 1\n");
        sized(repo.resolve("data.bin"), SourceSize.SMALL_BYTES * 2); // not source: does not count
        sized(repo.resolve("vendor/lib/.git/big.py"), SourceSize.SMALL_BYTES * 2); // inside a .git directory: does not count
        assertEquals(1, parallelism(repo));
        assertEquals(3, parallelism(repo, "--parallelism", "3"), "the option wins");
    }

    @Test
    void aLargerRepositoryRunsOneTaskPerCore() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("large"));
        Files.writeString(repo.resolve("a.py"), "x = 1\n");
        sized(repo.resolve("pkg/b.py"), SourceSize.SMALL_BYTES);
        assertEquals(Runtime.getRuntime().availableProcessors(), parallelism(repo));
        assertEquals(1, parallelism(repo, "--parallelism", "1"));
    }

    private int parallelism(Path repo, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "--repo";
        args[1] = repo.toString();
        args[2] = "--warehouse";
        args[3] = dir.resolve("wh").toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return IndexCommand.settings(ParsedOptions.parse(IndexCommand.NAME, IndexCommand.OPTIONS, args)).parallelism();
    }

    private static void sized(Path file, long bytes) throws Exception {
        Files.createDirectories(file.getParent());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes); // sparse: the size is what counts
        }
    }
}
