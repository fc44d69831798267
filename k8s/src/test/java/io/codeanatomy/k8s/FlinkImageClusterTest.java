package io.codeanatomy.k8s;

import io.codeanatomy.job.StdlibRepo;
import io.codeanatomy.job.WarehouseRows;
import io.codeanatomy.job.cluster.ClusterEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The image of k8s/Dockerfile (official flink:2.3 image + the job jar + python3 + git), built and run
 * as a session cluster of two containers; {@code flink run} of {@code index} inside the JobManager
 * gives the tables of the embedded command. Skipped where no Docker engine runs (as on the machines
 * this was built on: there {@link SessionClusterTest} runs the same entry points from Maven's jars).
 */
@Testcontainers(disabledWithoutDocker = true)
class FlinkImageClusterTest {
    private static final String PROPERTIES = "jobmanager.rpc.address: jobmanager\ntaskmanager.numberOfTaskSlots: 2\nparallelism.default: 2\n";

    @TempDir
    Path tmp;

    @Test
    void indexOnAClusterOfTheImageGivesTheRowsOfTheEmbeddedCommand() throws Exception {
        Path repoRoot = Manifests.dir().toAbsolutePath().getParent();
        ImageFromDockerfile image = new ImageFromDockerfile("codeanatomy-test", false)
                .withFileFromPath("pipeline-job/target/codeanatomy.jar", FlinkHome.jobJarOfTheBuild())
                .withFileFromPath("Dockerfile", repoRoot.resolve("k8s/Dockerfile"));
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("wh"));
        Files.setPosixFilePermissions(data.resolve("wh"), PosixFilePermissions.fromString("rwxrwxrwx")); // uid 9999 writes
        try (StdlibRepo repo = StdlibRepo.create(data.resolve("repo"), java.util.List.of("json/__init__.py", "json/decoder.py", "textwrap.py", "fnmatch.py", "shlex.py"));
             Network network = Network.newNetwork();
             GenericContainer<?> jobManager = new GenericContainer<>(image).withNetwork(network).withNetworkAliases("jobmanager")
                     .withCommand("jobmanager").withEnv("FLINK_PROPERTIES", PROPERTIES)
                     .withFileSystemBind(data.toString(), "/data", BindMode.READ_WRITE)
                     .waitingFor(Wait.forLogMessage(".*Rest endpoint listening.*", 1));
             GenericContainer<?> taskManager = new GenericContainer<>(image).withNetwork(network)
                     .withCommand("taskmanager").withEnv("FLINK_PROPERTIES", PROPERTIES)
                     .withFileSystemBind(data.toString(), "/data", BindMode.READ_WRITE)) {
            repo.commit("real stdlib files");
            jobManager.start();
            taskManager.start();
            ExecResult run = jobManager.execInContainer("flink", "run", "-c", ClusterEntry.class.getName(),
                    "/opt/flink/usrlib/codeanatomy.jar", "index", "--repo", "/data/repo", "--warehouse", "file:///data/wh");
            assertEquals(0, run.getExitCode(), run.getStdout() + run.getStderr());

            Path embedded = tmp.resolve("embedded");
            SessionClusterTest.embeddedIndex(repo, embedded, "embedded");
            assertEquals(WarehouseRows.read(embedded).canonical(), WarehouseRows.read(data.resolve("wh")).canonical());
        }
    }
}
