package io.codeanatomy.job;

import io.codeanatomy.job.cli.CodeAnatomyMain;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** flink-conf/config.yaml is a valid Flink 2.3 configuration, and the embedded commands run with it. */
class FlinkConfTest {
    /** The project's Flink configuration, relative to the pipeline-job module (where tests run). */
    static final Path FLINK_CONF = Path.of("..", "flink-conf").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    /** The logging configuration shipped beside config.yaml is the one the jar logs with, not a copy that drifted. */
    @Test
    void theLoggingConfigurationIsTheJars() throws Exception {
        try (java.io.InputStream jars = FlinkConfTest.class.getResourceAsStream("/log4j2.properties")) {
            assertTrue(jars != null, "log4j2.properties is a resource of the jar");
            assertEquals(new String(jars.readAllBytes(), StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(FLINK_CONF.resolve("log4j2.properties")),
                    "flink-conf/log4j2.properties must equal pipeline-job/src/main/resources/log4j2.properties");
        }
    }

    @Test
    void everyKeyIsACurrentFlinkOption() throws Exception {
        Set<String> current = new HashSet<>();
        for (Class<?> options : List.of(CoreOptions.class, TaskManagerOptions.class, JobManagerOptions.class,
                CheckpointingOptions.class, StateBackendOptions.class, HeartbeatManagerOptions.class, RestOptions.class)) {
            for (Field f : options.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())
                        && !f.isAnnotationPresent(Deprecated.class)) {
                    current.add(((ConfigOption<?>) f.get(null)).key());
                }
            }
        }
        Configuration conf = GlobalConfiguration.loadConfiguration(FLINK_CONF.toString());
        List<String> unknown = new ArrayList<>();
        for (String key : conf.keySet()) {
            if (!current.contains(key)) {
                unknown.add(key);
            }
        }
        assertEquals(List.of(), unknown, "keys of " + FLINK_CONF + "/config.yaml that are no (current) Flink 2.3 option");
        assertTrue(conf.keySet().size() > 5, conf.keySet().toString());
    }

    @Test
    void theEmbeddedCommandLoadsTheConfigurationDirectory() throws Exception {
        // The project's file, with the checkpoints of this run kept in the test's directory.
        Path confDir = tmp.resolve("conf");
        Files.createDirectories(confDir);
        String yaml = Files.readString(FLINK_CONF.resolve(GlobalConfiguration.FLINK_CONF_FILENAME));
        String checkpoints = "dir: file:///tmp/codeanatomy/checkpoints";
        assertTrue(yaml.contains(checkpoints), "the checkpoint directory line moved: update this test");
        Files.writeString(confDir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME),
                yaml.replace(checkpoints, "dir: " + tmp.resolve("checkpoints").toUri()));

        Path dir = tmp.resolve("plain");
        Files.createDirectories(dir);
        Files.copy(StdlibRepo.stdlib().resolve("fnmatch.py"), dir.resolve("fnmatch.py"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errs = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream outs = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, CodeAnatomyMain.run(new String[] {"index", "--repo", dir.toString(), "--warehouse",
                tmp.resolve("wh").toString(), "--flink-conf", confDir.toString()}, outs, errs), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("indexed 1 files"), out.toString(StandardCharsets.UTF_8));

        assertEquals(2, CodeAnatomyMain.run(new String[] {"index", "--repo", dir.toString(), "--warehouse",
                tmp.resolve("wh").toString(), "--flink-conf", tmp.resolve("nothing").toString()}, outs, errs));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--flink-conf " + tmp.resolve("nothing") + ": no config.yaml"),
                err.toString(StandardCharsets.UTF_8));
    }
}
