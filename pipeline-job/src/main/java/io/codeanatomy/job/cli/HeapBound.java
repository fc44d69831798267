package io.codeanatomy.job.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The child JVM's heap limit when the user sets none: sized from the source the command will read,
 * so that a run's memory follows the repositories, not the machine. Without a limit G1 grows the heap
 * toward a quarter of RAM whenever allocation is fast: 3.2 GB peak for the standard library without
 * its tests (12 MB of Python), which indexes in a 512 MB heap (docs/speed.md).
 *
 * <p>{@value #PER_SOURCE_BYTE} heap bytes per source byte, at least 1 GB, at most the JVM's own
 * default (a quarter of RAM). Only for local repositories: a {@code --repo URL} is cloned by the job,
 * and its size is unknown here, so the JVM's default stays.
 */
record HeapBound(long bytes, long sourceBytes) {
    static final long MIN_BYTES = 1L << 30;
    static final long PER_SOURCE_BYTE = 64;

    /** The bound for a command's arguments, or nothing (no local repository, or one that cannot be read). */
    static Optional<HeapBound> of(String[] args, long ceiling) {
        List<Path> repos = new ArrayList<>();
        for (String value : RawArgs.values(args, "repo")) {
            Optional<Path> dir = localDirectory(value);
            if (dir.isEmpty()) {
                return Optional.empty();
            }
            repos.add(dir.get());
        }
        if (repos.isEmpty()) {
            return Optional.empty();
        }
        try {
            long source = 0;
            for (Path repo : repos) {
                source += SourceSize.bytes(repo);
            }
            long bytes = Math.min(ceiling, Math.max(MIN_BYTES, source * PER_SOURCE_BYTE));
            return Optional.of(new HeapBound(bytes, source));
        } catch (UncheckedIOException | IOException unreadable) {
            return Optional.empty(); // the command itself reports an unreadable repository
        }
    }

    /** A --repo value that names a local directory; nothing for a URL or anything malformed (the command reports it). */
    private static Optional<Path> localDirectory(String value) {
        try {
            if (value.contains("://") && !value.startsWith("file:")) {
                return Optional.empty();
            }
            String path = value.startsWith("file:") ? java.net.URI.create(value).getPath() : value;
            return path != null && Files.isDirectory(Path.of(path)) ? Optional.of(Path.of(path)) : Optional.empty();
        } catch (IllegalArgumentException malformed) { // a bad URI, or a path the file system rejects (InvalidPathException)
            return Optional.empty();
        }
    }

    /** The {@code -Xmx} flag, in whole megabytes. */
    String flag() {
        return "-Xmx" + megabytes() + "m";
    }

    long megabytes() {
        return bytes >> 20;
    }
}
