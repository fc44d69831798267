package io.codeanatomy.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A Flink installation laid out as the official {@code flink:2.3} image has it under /opt/flink:
 * {@code lib} (the distribution's class path, assembled by Maven: flink-dist is not served here),
 * {@code plugins} (Flink's S3 file system, the Prometheus reporter), {@code conf/config.yaml},
 * {@code usrlib/codeanatomy.jar} (what the image adds), {@code log}. Its processes start the way
 * the image's scripts start them: the memory options worked out by Flink's {@code BashJavaUtils} from
 * the configuration, {@code env.java.opts.all}, then the entry point class with {@code --configDir}.
 */
public final class FlinkHome {
    public static final String SESSION_ENTRY = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    public static final String APPLICATION_ENTRY = "org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint";
    public static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    public static final String CLI = "org.apache.flink.client.cli.CliFrontend";

    public final Path dir;
    public final Path conf;
    public final Path jobJar;
    /** Where the processes' consoles and log files go: kept after the test when cluster.logs.dir is set. */
    public final Path logs;
    private final String classPath;
    private final Map<String, String> config;

    private FlinkHome(Path dir, String classPath, Map<String, String> config) {
        this.dir = dir;
        this.conf = dir.resolve("conf");
        this.jobJar = dir.resolve("usrlib").resolve("codeanatomy.jar");
        this.classPath = classPath;
        String kept = System.getProperty("cluster.logs.dir");
        // Under target/ the logs outlive the test's temporary directory: a failure in CI can be read.
        this.logs = kept == null ? dir.resolve("log") : Path.of(kept).resolve(dir.getParent().getFileName().toString());
        this.config = config;
    }

    /**
     * A home under {@code dir} with this configuration (flat Flink keys) and this log4j configuration
     * of the processes' console (the manifests' {@code logConfiguration}: JSON lines on stdout).
     */
    public static FlinkHome create(Path dir, Map<String, String> config, String log4jConsole) throws IOException {
        String classPath = Files.readString(Path.of(required("flink.lib.classpath"))).trim();
        FlinkHome home = new FlinkHome(dir, classPath, new TreeMap<>(config));
        Files.createDirectories(home.conf);
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(home.logs);
        Files.createDirectories(dir.resolve("lib")); // the jars themselves stay in the Maven repository: see classPath
        Files.createDirectories(home.jobJar.getParent());
        Files.createSymbolicLink(dir.resolve("plugins"), Path.of(required("flink.plugins.dir")));
        // A real file, as in the image (the entry point's usrlib/ scan does not follow symbolic links).
        Path jar = Path.of(required("codeanatomy.jar")).toAbsolutePath();
        try {
            Files.createLink(home.jobJar, jar);
        } catch (IOException | UnsupportedOperationException otherFileSystem) {
            Files.copy(jar, home.jobJar);
        }
        List<String> lines = new ArrayList<>();
        home.config.forEach((k, v) -> lines.add(k + ": " + quote(v)));
        Files.write(home.conf.resolve("config.yaml"), lines);
        Files.writeString(home.conf.resolve("log4j-console.properties"), log4jConsole);
        return home;
    }

    public static Path jobJarOfTheBuild() {
        return Path.of(required("codeanatomy.jar"));
    }

    public String config(String key) {
        return config.get(key);
    }

    /** A JobManager of a session cluster. */
    public FlinkProcess startSessionJobManager(String name) throws Exception {
        return start(name, SESSION_ENTRY, "GET_JM_RESOURCE_PARAMS", List.of());
    }

    /** A JobManager of an application cluster running {@code entryClass args} from usrlib/. */
    public FlinkProcess startApplicationJobManager(String name, String entryClass, List<String> args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--job-classname", entryClass));
        all.addAll(args);
        return start(name, APPLICATION_ENTRY, "GET_JM_RESOURCE_PARAMS", all);
    }

    public FlinkProcess startTaskManager(String name) throws Exception {
        return start(name, TASK_MANAGER, "GET_TM_RESOURCE_PARAMS", List.of());
    }

    /** {@code flink ARGS}: Flink's command-line client, as {@code bin/flink} runs it. */
    public FlinkProcess client(String name, List<String> args) throws Exception {
        List<String> command = java(name, List.of());
        command.add(CLI);
        command.addAll(args);
        return FlinkProcess.start(name, command, environment(), logs.resolve(name + ".out"));
    }

    private FlinkProcess start(String name, String entryClass, String resourceCommand, List<String> args) throws Exception {
        Resources resources = resources(resourceCommand);
        List<String> command = java(name, resources.jvmArgs());
        command.add(entryClass);
        command.addAll(List.of("--configDir", conf.toString()));
        command.addAll(resources.dynamicProperties());
        command.addAll(args);
        return FlinkProcess.start(name, command, environment(), logs.resolve(name + ".out"));
    }

    private List<String> java(String name, List<String> jvmArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        String opts = System.getProperty("flink.jvm.opens", "") + " " + config.getOrDefault("env.java.opts.all", "");
        if (!opts.isBlank()) {
            command.addAll(List.of(opts.trim().split("\\s+")));
        }
        // Temporary files (a TaskManager's working directory holds the job's jar as a blob: 0.5 GB)
        // go with the home, which the test removes, not to /tmp.
        command.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
        command.addAll(List.of("-Dlog.file=" + logs.resolve(name + ".log"),
                "-Dlog4j.configurationFile=" + conf.resolve("log4j-console.properties").toUri(), "-classpath", classPath));
        return command;
    }

    private Map<String, String> environment() {
        // FLINK_LIB_DIR: the application entry point finds usrlib/ beside it, as in the image.
        return Map.of("FLINK_HOME", dir.toString(), "FLINK_CONF_DIR", conf.toString(),
                "FLINK_PLUGINS_DIR", dir.resolve("plugins").toString(), "FLINK_LIB_DIR", dir.resolve("lib").toString());
    }

    /** What taskmanager.sh / jobmanager.sh get from BashJavaUtils: JVM memory options and the derived settings. */
    private Resources resources(String command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-classpath", classPath, "org.apache.flink.runtime.util.bash.BashJavaUtils", command, "--configDir", conf.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("BashJavaUtils " + command + " failed:\n" + out);
        }
        List<String> results = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                results.add(line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim());
            }
        }
        if (results.size() < 2) {
            throw new IllegalStateException("BashJavaUtils " + command + " printed no result:\n" + out);
        }
        return new Resources(List.of(results.get(0).split("\\s+")), List.of(results.get(1).split("\\s+")));
    }

    private record Resources(List<String> jvmArgs, List<String> dynamicProperties) {
    }

    private static String quote(String value) {
        return value.matches("[A-Za-z0-9_./:,=+-]+") ? value : "'" + value.replace("'", "''") + "'";
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is unset (set by k8s/pom.xml's surefire configuration)");
        }
        return value;
    }

    /** Waits for {@code condition}, failing with {@code what} after {@code within}. */
    public static void await(String what, Duration within, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.call())) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within " + within + ": " + what);
    }
}
