package io.codeanatomy.job.cli;

import io.codeanatomy.delta.kernel.HadoopConf;

import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code --flink-conf DIR}: the Flink configuration directory the embedded commands load, as a
 * cluster would ({@code config.yaml}); {@code FLINK_CONF_DIR} when the option is not given; none
 * (Flink's defaults) when neither is. The job's own options (parallelism, checkpoint interval) win
 * over the file. Loading it also gives its storage keys ({@code s3.*}, {@code flink.hadoop.*}) to every
 * warehouse access of this process ({@link HadoopConf}).
 */
public final class FlinkConfOption {
    public static final String NAME = "flink-conf";
    public static final List<OptionSpec> SPECS = List.of(OptionSpec.value(NAME, "DIR",
            "Flink configuration directory holding config.yaml (default: $" + ConfigConstants.ENV_FLINK_CONF_DIR
                    + ", else Flink's defaults)"));

    private FlinkConfOption() {
    }

    public static Configuration load(ParsedOptions options) {
        Configuration conf = load(options, System.getenv());
        HadoopConf.useFlinkConfiguration(conf);
        return conf;
    }

    static Configuration load(ParsedOptions options, Map<String, String> environment) {
        String setting;
        String dir;
        if (options.has(NAME)) {
            setting = "--" + NAME;
            dir = options.get(NAME).orElseThrow();
        } else if (environment.get(ConfigConstants.ENV_FLINK_CONF_DIR) != null) {
            setting = ConfigConstants.ENV_FLINK_CONF_DIR;
            dir = environment.get(ConfigConstants.ENV_FLINK_CONF_DIR);
        } else {
            return new Configuration();
        }
        Path file = Path.of(dir).resolve(GlobalConfiguration.FLINK_CONF_FILENAME);
        if (!Files.isRegularFile(file)) {
            throw new UsageException(setting + " " + dir + ": no " + GlobalConfiguration.FLINK_CONF_FILENAME + " in it");
        }
        Configuration conf;
        try {
            conf = GlobalConfiguration.loadConfiguration(dir);
        } catch (RuntimeException e) {
            throw new UsageException(setting + " " + dir + ": cannot read " + file + ": " + e.getMessage());
        }
        try {
            conf.get(ClassPathRpcSystemLoader.LOCAL_RPC);
        } catch (IllegalArgumentException e) {
            // Checked here: Flink's RPC loading would take a bad value for "no system of ours" and start Pekko's.
            throw new UsageException(setting + " " + dir + ": " + ClassPathRpcSystemLoader.LOCAL_RPC_KEY + ": '"
                    + conf.getString(ClassPathRpcSystemLoader.LOCAL_RPC_KEY, "") + "' is not in_process or pekko");
        }
        return conf;
    }
}
