package io.codeanatomy.delta.kernel;

import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Hadoop settings of every warehouse access (Kernel's engine, log and file listings), taken from
 * the Flink configuration so that one {@code config.yaml} configures the warehouse and Flink's own
 * checkpoints alike. The keys are those of Flink's S3 plugin: {@code s3.*}, {@code s3a.*} and
 * {@code fs.s3a.*} become {@code fs.s3a.*} ({@code s3.endpoint}, {@code s3.path.style.access},
 * {@code s3.access-key}); {@code flink.hadoop.X} becomes {@code X} for any other Hadoop setting.
 * Credentials are best left out of it: without {@code s3.access-key}, S3A asks the standard AWS
 * provider chain (environment, profile, web identity, instance role).
 *
 * <p>The Flink configuration is the one an embedded command loaded ({@link #useFlinkConfiguration});
 * otherwise, in a cluster's processes, {@code $FLINK_CONF_DIR/config.yaml}, which the image and the
 * Kubernetes operator provide to every JobManager and TaskManager.
 */
public final class HadoopConf {
    private static final String HADOOP_PREFIX = "flink.hadoop.";
    private static final String[] S3_PREFIXES = {"s3.", "s3a.", "fs.s3a."};
    /** Flink's S3 plugin accepts these dashed spellings for S3A's dotted keys. */
    private static final Map<String, String> DASHED = Map.of(
            "fs.s3a.access-key", "fs.s3a.access.key",
            "fs.s3a.secret-key", "fs.s3a.secret.key",
            "fs.s3a.path-style-access", "fs.s3a.path.style.access");

    private static volatile Map<String, String> settings;

    private HadoopConf() {
    }

    /** The embedded commands' Flink configuration (their {@code --flink-conf}), for this process. */
    public static void useFlinkConfiguration(org.apache.flink.configuration.Configuration flink) {
        useSettings(flink.toMap());
    }

    /** The same from plain Flink keys, for a process without Flink (a reader such as the Spark tests). */
    public static void useSettings(Map<String, String> flinkKeys) {
        settings = translate(flinkKeys);
    }

    /**
     * Hadoop settings with the Flink configuration's storage keys applied. New each time and bound to
     * this class's loader: a Hadoop Configuration keeps the thread's context class loader, and inside a
     * Flink task that is the job's loader, closed when the job ends (a later job in the JVM then fails).
     */
    public static Configuration create() {
        return create(settings());
    }

    /** Hadoop settings with the storage keys of the given Flink configuration applied. */
    public static Configuration create(org.apache.flink.configuration.Configuration flink) {
        return create(translate(flink.toMap()));
    }

    /**
     * Reads Hadoop's default resources ({@code core-default.xml}, a {@code core-site.xml} on the class
     * path) now, once for the process: a command starts this on a thread of its own, while it does
     * other start-up work.
     */
    public static void loadDefaults() {
        Defaults.PARSED.size();
    }

    private static Configuration create(Map<String, String> settings) {
        // A copy of the defaults parsed once: each new Configuration parses core-default.xml again on
        // its first read (0.1-0.2 s of a small run's critical path when cold, docs/speed.md session 25).
        Configuration conf = new Configuration(Defaults.PARSED);
        // s3:// is S3A too, as in Flink's S3 plugin (Hadoop maps only s3a:// by itself).
        conf.set("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        // Hadoop closes its cached file systems in a shutdown hook of its own, which races the watch's
        // final savepoint and commit on SIGTERM ("FileSystem is closed"): the process closes them itself.
        conf.setBoolean("fs.automatic.close", false);
        // Uploads buffer in memory, not in local temp files: S3A's disk buffer needs Hadoop's checksummed
        // local file system, which the engine replaces (EngineFactory), and a container's disk may be
        // read-only. At most 2 blocks of 32 MB wait per open file.
        conf.set("fs.s3a.fast.upload.buffer", "bytebuffer");
        conf.set("fs.s3a.multipart.size", "32M");
        conf.set("fs.s3a.fast.upload.active.blocks", "2");
        settings.forEach(conf::set);
        return conf;
    }

    /** Hadoop's defaults, parsed when first needed; only ever copied. */
    private static final class Defaults {
        static final Configuration PARSED = parsed();

        private static Configuration parsed() {
            Configuration conf = new Configuration();
            conf.setClassLoader(HadoopConf.class.getClassLoader());
            try {
                // Hadoop instantiates every file system on the class path the first time one is asked
                // for, and HDFS's, YARN's and MapReduce's classes then add their default resources to
                // every Configuration, each parsing all of them again on its next read (0.1 s of a small
                // run's main thread, docs/speed.md session 26). Loaded first, the defaults parse once.
                FileSystem.getFileSystemClass("file", conf);
            } catch (IOException noLocalFileSystem) {
                // not possible with hadoop-common; the parse below still happens
            }
            conf.size(); // parses the resources
            return conf;
        }
    }

    private static Map<String, String> settings() {
        Map<String, String> current = settings;
        if (current == null) {
            current = translate(processConfiguration());
            settings = current;
        }
        return current;
    }

    /** {@code $FLINK_CONF_DIR/config.yaml} as Flink reads it; nothing where Flink is not on the class path. */
    private static Map<String, String> processConfiguration() {
        try {
            return GlobalConfiguration.loadConfiguration().toMap();
        } catch (NoClassDefFoundError noFlink) {
            return Map.of();
        }
    }

    /** The Hadoop keys a Flink configuration sets, sorted. */
    static Map<String, String> translate(Map<String, String> flink) {
        Map<String, String> hadoop = new TreeMap<>();
        flink.forEach((key, value) -> {
            if (key.startsWith(HADOOP_PREFIX)) {
                hadoop.put(key.substring(HADOOP_PREFIX.length()), value);
                return;
            }
            for (String prefix : S3_PREFIXES) {
                if (key.startsWith(prefix)) {
                    String s3a = "fs.s3a." + key.substring(prefix.length());
                    hadoop.put(DASHED.getOrDefault(s3a, s3a), value);
                    return;
                }
            }
        });
        return hadoop;
    }
}
