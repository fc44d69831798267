package io.codeanatomy.job.cli;

import org.apache.flink.configuration.CoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which Flink configuration the embedded commands load: --flink-conf, else FLINK_CONF_DIR, else none. */
class FlinkConfOptionTest {
    @TempDir
    Path tmp;

    private static ParsedOptions options(String... args) {
        return ParsedOptions.parse("index", FlinkConfOption.SPECS, args);
    }

    private Path confDir(String name, int parallelism) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yaml"), "parallelism:\n  default: " + parallelism + "\n");
        return dir;
    }

    @Test
    void theOptionWinsOverTheEnvironmentAndNeitherMeansFlinkDefaults() throws Exception {
        Path option = confDir("option", 3);
        Path environment = confDir("environment", 5);
        Map<String, String> env = Map.of("FLINK_CONF_DIR", environment.toString());

        assertEquals(3, FlinkConfOption.load(options("--flink-conf", option.toString()), env)
                .get(CoreOptions.DEFAULT_PARALLELISM));
        assertEquals(5, FlinkConfOption.load(options(), env).get(CoreOptions.DEFAULT_PARALLELISM));
        assertTrue(FlinkConfOption.load(options(), Map.of()).keySet().isEmpty());
    }

    @Test
    void aDirectoryWithoutConfigYamlIsNamedBySetting() {
        UsageException e = assertThrows(UsageException.class,
                () -> FlinkConfOption.load(options(), Map.of("FLINK_CONF_DIR", tmp.toString())));
        assertTrue(e.getMessage().startsWith("FLINK_CONF_DIR " + tmp + ": no config.yaml"), e.getMessage());
        e = assertThrows(UsageException.class,
                () -> FlinkConfOption.load(options("--flink-conf", tmp.toString()), Map.of()));
        assertTrue(e.getMessage().startsWith("--flink-conf " + tmp + ": no config.yaml"), e.getMessage());
    }

    @Test
    void aBadLocalRpcSettingIsNamed() throws Exception {
        Path dir = tmp.resolve("rpc");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yaml"), "codeanatomy.rpc.local: actors\n");
        UsageException e = assertThrows(UsageException.class,
                () -> FlinkConfOption.load(options("--flink-conf", dir.toString()), Map.of()));
        assertEquals("--flink-conf " + dir + ": codeanatomy.rpc.local: 'actors' is not in_process or pekko", e.getMessage());
        Files.writeString(dir.resolve("config.yaml"), "codeanatomy.rpc.local: pekko\n");
        assertEquals(ClassPathRpcSystemLoader.LocalRpc.PEKKO,
                FlinkConfOption.load(options("--flink-conf", dir.toString()), Map.of()).get(ClassPathRpcSystemLoader.LOCAL_RPC));
    }
}
