package io.codeanatomy.k8s;

import io.codeanatomy.job.StdlibRepo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar codeanatomy.jar} as a user runs it: the command runs in a child JVM with the JIT
 * settings (JvmRelaunch), SIGTERM reaches it through the parent (watch stops after its final
 * savepoint and the parent exits with the child's status), and a parent killed with SIGKILL takes
 * the child with it instead of leaving a writer behind.
 */
class JavaJarChildJvmTest {
    private static final List<String> FILES = List.of("textwrap.py", "fnmatch.py");

    @TempDir
    Path tmp;

    private Process watch(StdlibRepo repo, String name) throws Exception {
        Path out = tmp.resolve(name + ".out");
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcodeanatomy.log.file=" + tmp.resolve(name + ".log"), "-jar", FlinkHome.jobJarOfTheBuild().toString(),
                "watch", "--repo", repo.dir.toString(), "--warehouse", tmp.resolve(name + "-wh").toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    private static ProcessHandle child(Process parent) throws Exception {
        // The parent's children: the JVM, and for a while the CPython layer's interpreter lookup.
        FlinkHome.await("the child JVM", Duration.ofSeconds(60), () -> parent.children().anyMatch(JavaJarChildJvmTest::isChildJvm));
        ProcessHandle child = parent.children().filter(JavaJarChildJvmTest::isChildJvm).findFirst().orElseThrow();
        String line = arguments(child);
        assertTrue(line.contains("-Dcodeanatomy.jvm.child=true") && line.contains("-XX:MaxInlineSize=20"),
                "the child runs with the JIT settings: " + line);
        assertTrue(line.contains("-Xmx") && line.contains("-XX:+ExitOnOutOfMemoryError"), "a heap limit sized from the repository: " + line);
        assertTrue(line.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), "the jar manifest's Add-Opens: " + line);
        assertTrue(line.contains("-XX:SharedArchiveFile=" + archiveOfTheBuild()), "the class-data archive beside the jar: " + line);
        return child;
    }

    private static String arguments(ProcessHandle process) {
        return process.info().arguments().map(List::of).map(Object::toString).orElse("");
    }

    private static boolean isChildJvm(ProcessHandle process) {
        return arguments(process).contains("-Dcodeanatomy.jvm.child=true");
    }

    private void awaitVisible(String name) throws Exception {
        Path out = tmp.resolve(name + ".out");
        FlinkHome.await("the first commit visible", Duration.ofMinutes(3),
                () -> Files.exists(out) && readQuietly(out).contains("visible"));
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void sigtermStopsTheChildCleanlyAndSigkillTakesItAlong() throws Exception {
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), FILES)) {
            repo.commit("first");

            Process parent = watch(repo, "term");
            ProcessHandle child = child(parent);
            awaitVisible("term");
            parent.destroy(); // SIGTERM to the parent only
            assertTrue(parent.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), readQuietly(tmp.resolve("term.out")));
            String out = readQuietly(tmp.resolve("term.out"));
            assertTrue(out.contains("stopped;"), "the child took its final savepoint:\n" + out);
            assertEquals(143, parent.exitValue(), "the parent exits as a JVM stopped by SIGTERM:\n" + out);
            assertTrue(child.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS) != null && !child.isAlive());

            Process killed = watch(repo, "kill");
            ProcessHandle orphan = child(killed);
            awaitVisible("kill");
            killed.destroyForcibly(); // SIGKILL: no hook runs in the parent
            killed.waitFor();
            FlinkHome.await("the child halting after its parent was killed", Duration.ofSeconds(10), () -> !alive(orphan));
        }
    }

    @Test
    void aChildOutOfMemoryExitsAndTheParentNamesTheLimit() throws Exception {
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), FILES)) {
            repo.commit("first");
            Path out = tmp.resolve("oom.out");
            // 32 MB: the run does not fit (48 MB did with the parallel collector, and fits with the serial
            // one a small repository gets; 32 MB did not in three runs of three), and the parent JVM,
            // which gets the flag too, still starts (at 24 MB it did not: it reads the jar's index too).
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                    "-Dcodeanatomy.log.file=" + tmp.resolve("oom.log"), "-jar", FlinkHome.jobJarOfTheBuild().toString(),
                    "index", "--repo", repo.dir.toString(), "--warehouse", tmp.resolve("oom-wh").toString())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertTrue(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "exits instead of hanging:\n" + readQuietly(out));
            assertEquals(3, p.exitValue(), readQuietly(out));
            assertTrue(readQuietly(out).contains("ran out of memory (-Xmx32m)"), readQuietly(out));
        }
    }

    /**
     * The console gets the run's report and nothing else, and the log gets every line: threads that log
     * while logging is still being set up (the interpreter lookup, JGit) once made SLF4J print a warning
     * about substitute loggers on the console and drop their lines.
     */
    @Test
    void anIndexRunPrintsOnlyItsReportAndLogsEveryLine() throws Exception {
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), FILES)) {
            repo.commit("first");
            Path out = tmp.resolve("index.out");
            Path log = tmp.resolve("index.log");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dcodeanatomy.log.file=" + log, "-jar", FlinkHome.jobJarOfTheBuild().toString(),
                    "index", "--repo", repo.dir.toString(), "--warehouse", tmp.resolve("wh").toString())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertTrue(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "exits:\n" + readQuietly(out));
            String console = readQuietly(out);
            assertEquals(0, p.exitValue(), console);
            assertEquals(List.of(), console.lines().filter(l -> !l.startsWith("codeanatomy index ")
                    && !l.startsWith("  ... ") && !l.startsWith("indexed ")).toList(), "only the report:\n" + console);
            assertTrue(readQuietly(log).lines().anyMatch(l -> l.contains("PythonInterpreter") && l.contains("python3 ")),
                    "the interpreter lookup's line, logged while the run starts, is in the log");
            assertEquals(List.of(), readQuietly(log).lines().filter(l -> l.contains(" INFO ") && l.contains(" io.delta.kernel.")).toList(),
                    "Kernel's narration of each snapshot and commit stays out of the log");
        }
    }

    private static Path archiveOfTheBuild() {
        Path jar = FlinkHome.jobJarOfTheBuild();
        return jar.resolveSibling("codeanatomy.jsa");
    }

    /**
     * The build wrote a class-data archive beside the jar (pipeline-job's training run) that fits that
     * jar and this JDK: with -Xshare:on a JVM that cannot map it fails instead of starting without it,
     * and the jar's classes come from it.
     */
    @Test
    void theBuildsClassDataArchiveFitsItsJar() throws Exception {
        Path archive = archiveOfTheBuild();
        assertTrue(Files.isRegularFile(archive), "mvn package writes " + archive);
        Path out = tmp.resolve("cds.out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:on",
                "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info", "-cp", FlinkHome.jobJarOfTheBuild().toString(),
                "io.codeanatomy.job.cli.CodeAnatomyMain", "--help")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES));
        String log = readQuietly(out);
        assertEquals(0, p.exitValue(), log.length() > 4000 ? log.substring(0, 4000) : log);
        assertTrue(log.lines().anyMatch(l -> l.contains("io.codeanatomy.job.cli.CodeAnatomyMain") && l.contains("shared objects file (top)")),
                "the command line's classes come from the archive");
    }

    /** Alive and not a zombie waiting for a reaper. */
    private static boolean alive(ProcessHandle p) {
        Optional<String> state = stat(p.pid());
        return state.isPresent() && !state.get().equals("Z");
    }

    private static Optional<String> stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return Optional.of(s.substring(s.lastIndexOf(')') + 2).split(" ")[0]);
        } catch (java.io.IOException gone) {
            return Optional.empty();
        }
    }

    /**
     * A JDK too new for Hadoop's client (Java 23 and later refuse {@code Subject.getSubject}) is told so
     * at once, naming the versions that work, before a warehouse is touched; {@code --help} still
     * answers. Needs such a JDK under /usr/lib/jvm (this machine class has Temurin 25); skipped without.
     */
    @Test
    void aJavaTooNewForHadoopIsToldSoBeforeAnythingRuns() throws Exception {
        Path jdk = tooNewJava();
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk != null, "no JDK 23 or later under /usr/lib/jvm");
        Path warehouse = tmp.resolve("new-java-wh");
        Path out = tmp.resolve("new-java.out");
        Process run = new ProcessBuilder(jdk.toString(), "-Dcodeanatomy.log.file=" + tmp.resolve("new-java.log"),
                "-jar", FlinkHome.jobJarOfTheBuild().toString(), "index", "--repo", tmp.toString(),
                "--warehouse", warehouse.toString()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        String text = Files.readString(out);
        assertEquals(2, run.exitValue(), text);
        assertTrue(text.contains("is not supported") && text.contains("Run codeanatomy with Java 17 or 21"), text);
        assertTrue(!Files.exists(warehouse), "no warehouse created");
        Process help = new ProcessBuilder(jdk.toString(), "-jar", FlinkHome.jobJarOfTheBuild().toString(), "--help")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("new-java-help.out").toFile()).start();
        assertTrue(help.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, help.exitValue(), Files.readString(tmp.resolve("new-java-help.out")));
    }

    /** The java of a JDK of feature release 23 or later under /usr/lib/jvm, by its release file; null if none. */
    private static Path tooNewJava() throws java.io.IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (var dirs = Files.list(jvms)) {
            for (Path dir : dirs.sorted().toList()) {
                Path release = dir.resolve("release");
                Path bin = dir.resolve("bin/java");
                if (!Files.isRegularFile(release) || !Files.isExecutable(bin)) {
                    continue;
                }
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)")
                        .matcher(Files.readString(release));
                if (m.find() && Integer.parseInt(m.group(1)) >= 23) {
                    return bin;
                }
            }
        }
        return null;
    }
}
