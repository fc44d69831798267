package io.codeanatomy.job.cli;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.CoreOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A directory under {@code java.io.tmpdir} for one embedded run's checkpoints and Flink's temporary
 * files (the MiniCluster's 24 MB RPC jar among them), removed when the run's environment closes, after
 * its MiniCluster ({@link #remove}). A run killed with
 * SIGKILL cannot remove its own, so each run holds a lock on a file in its directory for as long as
 * its process lives (the system releases it however the process ends), and every new run first
 * removes the directories whose lock it can take.
 */
final class RunDirectory {
    static final String PREFIX = "codeanatomy-run-";
    static final String LOCK_FILE = ".lock";
    /** A directory younger than this may be one whose run has not locked it yet: left alone. */
    static final Duration SETTLING = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(RunDirectory.class);
    /** The locks of this process's run directories, reachable until it ends (a collected channel would release its lock). */
    private static final List<FileChannel> HELD = new CopyOnWriteArrayList<>();

    private RunDirectory() {
    }

    /** A new run directory, locked for this process; {@link #remove} it when the run is done. */
    static Path create() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        removeAbandoned(tmp);
        try {
            Path dir = Files.createTempDirectory(tmp, PREFIX);
            FileChannel lock = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock.lock();
            HELD.add(lock);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + tmp
                    + " (set -Djava.io.tmpdir, or " + CoreOptions.TMP_DIRS.key() + " and "
                    + CheckpointingOptions.CHECKPOINTS_DIRECTORY.key() + " in --" + FlinkConfOption.NAME + ")", e);
        }
    }

    /** Removes the run directories under {@code tmp} whose process has ended; leaves any it cannot judge. */
    static void removeAbandoned(Path tmp) {
        Instant settled = Instant.now().minus(SETTLING);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : dirs) {
                Path lockFile = dir.resolve(LOCK_FILE);
                // No lock file: an older version's directory, or one being made.
                if (Files.isRegularFile(lockFile) && Files.getLastModifiedTime(lockFile).toInstant().isBefore(settled)
                        && abandoned(lockFile)) {
                    deleteTree(dir);
                    LOG.info("removed {}, left by a run that ended without removing it", dir);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("cannot look for abandoned run directories under {}", tmp, e);
        }
    }

    private static boolean abandoned(Path lockFile) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException | IOException e) {
            return false; // held by this JVM, or not ours to judge
        }
    }

    /**
     * Removes a run's directory once the run is done with it: when its environment closes, after its
     * MiniCluster has closed. Not in a shutdown hook: hooks run side by side, and this one deleted the
     * checkpoints and Flink's files under a {@code watch} still taking its final savepoint after
     * SIGTERM (a CI run's job then failed and could not restore). Flink's own hooks may still be
     * deleting in it, so the removal is tried again for a while.
     */
    static void remove(Path dir) {
        for (int attempt = 0; attempt < 20 && Files.exists(dir); attempt++) {
            deleteTree(dir);
            if (Files.exists(dir)) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        try {
            DirectoryTree.delete(dir);
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover is removed by a later run
        }
    }
}
