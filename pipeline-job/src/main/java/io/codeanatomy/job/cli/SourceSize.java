package io.codeanatomy.job.cli;

import io.codeanatomy.lang.Language;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * How much source a local repository holds: the bytes of its files in indexed languages, its .git
 * directory left out. Below {@value #SMALL_BYTES} bytes an {@code index} run is start-up bound and
 * is run small: C1 only in the child JVM ({@link ChildJvmTuning}) and one task per operator
 * ({@code IndexCommand}); measured in docs/speed.md.
 */
public final class SourceSize {
    public static final long SMALL_BYTES = 2L << 20;

    private SourceSize() {
    }

    /** All of the repository's source bytes. */
    public static long bytes(Path repo) throws IOException {
        return count(repo, Long.MAX_VALUE);
    }

    /** Whether the repository holds less than {@link #SMALL_BYTES} of source; stops counting at that size. */
    public static boolean isSmall(Path repo) throws IOException {
        return count(repo, SMALL_BYTES) < SMALL_BYTES;
    }

    /** The source bytes, or some number at least {@code limit} once that many are counted. */
    private static long count(Path repo, long limit) throws IOException {
        long[] total = {0};
        Files.walkFileTree(repo, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(repo)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && Language.forPath(file.getFileName().toString()).isPresent()) {
                    total[0] += attrs.size();
                }
                return total[0] >= limit ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // unreadable entries do not count
            }
        });
        return total[0];
    }
}
