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
}
