package io.codeanatomy.job.cli;

import io.codeanatomy.job.CommandProcess;
import io.codeanatomy.job.StdlibRepo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An embedded run leaves nothing in the temporary directory: the MiniCluster's RPC jar (24 MB), its
 * working directory and the run's checkpoints go under one run directory that is removed at exit.
 * Before, every {@code index} left a {@code flink-rpc-akka*.jar} and a {@code minicluster_*} directory
 * behind, because the MiniCluster closes after the command has returned.
 */
class RunDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void anIndexRunLeavesNothingInTheTemporaryDirectory() throws Exception {
        Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), List.of("textwrap.py", "fnmatch.py"))) {
            repo.commit("first");
            try (CommandProcess index = CommandProcess.start(tmp, "index", List.of("-Djava.io.tmpdir=" + javaTmp),
                    List.of("index", "--repo", repo.dir.toString(), "--warehouse", tmp.resolve("wh").toString()))) {
                assertEquals(0, index.awaitExit(Duration.ofMinutes(3)), index.output());
            }
        }
        try (Stream<Path> left = Files.list(javaTmp)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "left in java.io.tmpdir after the run");
        }
    }

    /**
     * A run killed before it could remove its run directory (SIGKILL runs no shutdown hook) leaves it
     * behind; the next run removes it, but not a directory whose run is alive (it holds the lock, here
     * this test process does), nor one too young to have been locked yet, nor one without a lock file.
     */
    @Test
    void theNextRunRemovesTheDirectoryOfARunThatDiedAndNoOther() throws Exception {
        Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(RunDirectory.SETTLING).minusSeconds(60));
        Path dead = runDirectory(javaTmp, "dead", old);
        Path alive = runDirectory(javaTmp, "alive", old);
        Path young = runDirectory(javaTmp, "young", java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        Path unlocked = Files.createDirectories(javaTmp.resolve(RunDirectory.PREFIX + "older-version"));
        try (java.nio.channels.FileChannel held = java.nio.channels.FileChannel.open(alive.resolve(RunDirectory.LOCK_FILE),
                java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock lock = held.lock();
             StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), List.of("textwrap.py"))) {
            repo.commit("first");
            try (CommandProcess index = CommandProcess.start(tmp, "index", List.of("-Djava.io.tmpdir=" + javaTmp),
                    List.of("index", "--repo", repo.dir.toString(), "--warehouse", tmp.resolve("wh").toString()))) {
                assertEquals(0, index.awaitExit(Duration.ofMinutes(3)), index.output());
            }
        }
        try (Stream<Path> left = Files.list(javaTmp)) {
            assertEquals(Stream.of(alive, young, unlocked).map(p -> p.getFileName().toString()).sorted().toList(),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "left in java.io.tmpdir after the run");
        }
    }

    /** A run directory as a run leaves it: Flink's files and a lock file last written at {@code time}. */
    private static Path runDirectory(Path tmp, String name, java.nio.file.attribute.FileTime time) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(RunDirectory.PREFIX + name));
        Files.write(Files.createDirectories(dir.resolve("flink")).resolve("flink-rpc-akka.jar"), new byte[1024]);
        Path lock = Files.createFile(dir.resolve(RunDirectory.LOCK_FILE));
        Files.setLastModifiedTime(lock, time);
        return dir;
    }
}
