package io.codeanatomy.job.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The child JVM's command line (the processes themselves: k8s JavaJarChildJvmTest, which has the jar). */
class JvmRelaunchTest {
    private final String classPath = System.getProperty("java.class.path");

    @AfterEach
    void restore() {
        System.setProperty("java.class.path", classPath);
        System.clearProperty(JvmRelaunch.ENABLED_PROPERTY);
    }

    @Test
    void aJarRunGetsTheJitSettingsTheUsersFlagsAndItsArguments() {
        System.setProperty("java.class.path", "/opt/codeanatomy.jar");
        String logFile = System.getProperty(RunLogFile.FILE_PROPERTY);
        System.setProperty(RunLogFile.FILE_PROPERTY, "/tmp/run.log");
        List<String> command = JvmRelaunch.command(new String[] {"index", "--repo", "r"}).orElseThrow();
        List<String> user = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(command.get(0).endsWith("/bin/java"), command.toString());
        assertTrue(command.containsAll(user), "the JVM's own flags go along: " + user);
        for (String flag : ChildJvmTuning.C2_FLAGS) {
            assertTrue(command.contains(flag), "a repository of unknown size gets C2: " + flag);
        }
        assertTrue(command.contains(ChildJvmTuning.BATCH_GC), command.toString());
        assertEquals(List.of("-D" + JvmRelaunch.CHILD_PROPERTY + "=true", "-cp", "/opt/codeanatomy.jar",
                CodeAnatomyMain.class.getName(), "index", "--repo", "r"), command.subList(command.size() - 7, command.size()));
        assertTrue(command.contains("-D" + RunLogFile.FILE_PROPERTY + "=/tmp/run.log"), "one log file for the run");
        if (logFile == null) {
            System.clearProperty(RunLogFile.FILE_PROPERTY);
        } else {
            System.setProperty(RunLogFile.FILE_PROPERTY, logFile);
        }
    }

    @Test
    void aFlagTheUserGaveWinsOverOurs() {
        System.setProperty("java.class.path", "/opt/codeanatomy.jar");
        List<String> user = ManagementFactory.getRuntimeMXBean().getInputArguments();
        // This test JVM runs with -Xmx (surefire's argLine), which is none of ours: both kinds appear once.
        List<String> command = JvmRelaunch.command(new String[] {"watch"}).orElseThrow();
        for (String flag : user) {
            assertEquals(1, command.stream().filter(flag::equals).count(), flag);
        }
        assertEquals(ChildJvmTuning.C2_FLAGS.size(), command.stream().filter(ChildJvmTuning.C2_FLAGS::contains).count());
    }

    @Test
    void noChildOutsideAJarWhenTurnedOffOrAlreadyAChild() {
        assertFalse(JvmRelaunch.command(new String[] {"index"}).isPresent(), "a class path run (tests, an IDE)");
        System.setProperty("java.class.path", "/opt/codeanatomy.jar");
        System.setProperty(JvmRelaunch.ENABLED_PROPERTY, "false");
        assertFalse(JvmRelaunch.command(new String[] {"index"}).isPresent(), "turned off");
        System.clearProperty(JvmRelaunch.ENABLED_PROPERTY);
        assertFalse(JvmRelaunch.command(new String[0]).isPresent(), "no command: usage is printed here");
        assertTrue(JvmRelaunch.command(new String[] {"index"}).isPresent(), "a command runs in the child");
        for (String help : List.of("help", "--help", "-h")) {
            assertFalse(JvmRelaunch.command(new String[] {help, "index"}).isPresent(), help + " is printed here");
        }
        assertFalse(JvmRelaunch.command(new String[] {"index", "--repo", "r", "--help"}).isPresent(), "a command's help too");
        System.setProperty(JvmRelaunch.CHILD_PROPERTY, "true");
        try {
            assertFalse(JvmRelaunch.command(new String[] {"index"}).isPresent(), "the child runs the command");
        } finally {
            System.clearProperty(JvmRelaunch.CHILD_PROPERTY);
        }
    }

    @Test
    void theDefaultHeapLimitFollowsTheRepositoriesSourceWithinBounds(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        sized(repo.resolve("pkg/big.py"), 20L << 20);
        sized(repo.resolve("stubs.pyi"), 4L << 20);
        sized(repo.resolve("data.bin"), 300L << 20); // not source
        sized(repo.resolve(".git/objects/pack.py"), 300L << 20); // git's own files do not count
        long ceiling = 64L << 30;
        HeapBound bound = HeapBound.of(new String[] {"--repo", repo.toString(), "--warehouse", "w"}, ceiling).orElseThrow();
        assertEquals(24L << 20, bound.sourceBytes());
        assertEquals(24L * 64 << 20, bound.bytes(), "64 heap bytes a source byte");
        assertEquals("-Xmx1536m", bound.flag());

        Path small = Files.createDirectories(dir.resolve("small"));
        sized(small.resolve("a.py"), 1000);
        assertEquals(HeapBound.MIN_BYTES, HeapBound.of(new String[] {"--repo=" + small}, ceiling).orElseThrow().bytes(), "at least 1 GB");
        assertEquals(2L * 1536 << 20, HeapBound.of(new String[] {"--repo", repo.toString(), "--repo", repo.toString()}, ceiling)
                .orElseThrow().bytes(), "every repository counts");
        assertEquals(512L << 20, HeapBound.of(new String[] {"--repo", repo.toString()}, 512L << 20).orElseThrow().bytes(),
                "never above the JVM's own default");
        assertTrue(HeapBound.of(new String[] {"--repo", "https://example.invalid/r.git"}, ceiling).isEmpty(), "a URL: size unknown");
        assertTrue(HeapBound.of(new String[] {"--repo", dir.resolve("missing").toString()}, ceiling).isEmpty());
        assertTrue(HeapBound.of(new String[] {"--repo", "file:relative"}, ceiling).isEmpty(), "malformed: the command says so");
        assertTrue(HeapBound.of(new String[] {"--repo", "file:/a b%"}, ceiling).isEmpty(), "malformed: the command says so");
        assertEquals(24L * 64 << 20, HeapBound.of(new String[] {"--repo", repo.toUri().toString()}, ceiling).orElseThrow().bytes(),
                "a file: URI is a local directory");
        assertTrue(HeapBound.of(new String[] {"--warehouse", "w"}, ceiling).isEmpty(), "no repository (sql, maintain)");
    }

    @Test
    void theChildGetsTheHeapLimitUnlessTheUserSetOneAndExitsWhenOutOfMemory(@TempDir Path repo) throws Exception {
        System.setProperty("java.class.path", "/opt/codeanatomy.jar");
        sized(repo.resolve("a.py"), 100);
        String[] args = {"index", "--repo", repo.toString()};
        List<String> ours = JvmRelaunch.command(args, List.of(), 8L << 30).orElseThrow();
        assertTrue(ours.contains("-Xmx1024m"), ours.toString());
        assertTrue(ours.contains("-XX:+ExitOnOutOfMemoryError"), ours.toString());
        assertTrue(JvmRelaunch.outOfMemory(ours).contains("(-Xmx1024m, sized from 0 MB of source)"), JvmRelaunch.outOfMemory(ours));

        List<String> theirs = JvmRelaunch.command(args, List.of("-Xmx3g"), 8L << 30).orElseThrow();
        assertEquals(1, theirs.stream().filter(f -> f.startsWith("-Xmx")).count(), theirs.toString());
        assertTrue(theirs.contains("-Xmx3g"));
        assertTrue(JvmRelaunch.outOfMemory(theirs).contains("(-Xmx3g)"), JvmRelaunch.outOfMemory(theirs));
        assertTrue(JvmRelaunch.command(args, List.of("-XX:MaxRAMPercentage=50"), 8L << 30).orElseThrow().stream()
                .noneMatch(f -> f.startsWith("-Xmx")), "any heap setting of the user's stands");
    }

    @Test
    void theJitAndCollectorFollowTheCommandAndTheSourceSize() {
        java.util.OptionalLong small = java.util.OptionalLong.of(SourceSize.SMALL_BYTES - 1);
        java.util.OptionalLong large = java.util.OptionalLong.of(SourceSize.SMALL_BYTES);
        assertEquals(List.of(ChildJvmTuning.C1_ONLY, ChildJvmTuning.C1_EARLY, ChildJvmTuning.SMALL_BATCH_GC),
                ChildJvmTuning.flags("index", small, List.of(), false), "a small index: C1 only and early, the serial collector");
        assertEquals(List.of(ChildJvmTuning.C1_ONLY, ChildJvmTuning.SMALL_BATCH_GC),
                ChildJvmTuning.flags("index", small, List.of("-XX:CompileThresholdScaling=2"), false), "the user's scaling stands");
        List<String> big = ChildJvmTuning.flags("index", large, List.of(), false);
        assertTrue(big.containsAll(ChildJvmTuning.C2_FLAGS) && big.contains(ChildJvmTuning.BATCH_GC) && !big.contains(ChildJvmTuning.C1_ONLY)
                && !big.contains(ChildJvmTuning.C1_EARLY)
                && !big.contains(ChildJvmTuning.SMALL_BATCH_GC), big.toString());
        assertEquals(ChildJvmTuning.C2_FLAGS, ChildJvmTuning.flags("index", java.util.OptionalLong.empty(), List.of(), false).subList(0, ChildJvmTuning.C2_FLAGS.size()),
                "unknown size (a URL): C2");
        assertEquals(ChildJvmTuning.C2_FLAGS, ChildJvmTuning.flags("watch", small, List.of(), false), "watch runs long, with G1's pauses");
        assertEquals(List.of(), ChildJvmTuning.flags("index", small, List.of("-XX:TieredStopAtLevel=4", "-XX:+UseG1GC"), false),
                "the user's JIT and collector stand");
        assertEquals(List.of(ChildJvmTuning.SMALL_BATCH_GC), ChildJvmTuning.flags("index", small, List.of("-XX:-TieredCompilation"), false));
        assertEquals(ChildJvmTuning.C2_FLAGS.size() - 1, ChildJvmTuning.flags("watch", large, List.of("-XX:MaxInlineSize=35"), false).size());
    }

    @Test
    void anIndexAsksForTransparentHugePagesWhereTheKernelOffersThemOnRequest(@TempDir Path dir) throws Exception {
        java.util.OptionalLong small = java.util.OptionalLong.of(SourceSize.SMALL_BYTES - 1);
        java.util.OptionalLong large = java.util.OptionalLong.of(SourceSize.SMALL_BYTES);
        assertTrue(ChildJvmTuning.flags("index", small, List.of(), true).contains(ChildJvmTuning.HUGE_PAGES));
        assertTrue(ChildJvmTuning.flags("index", large, List.of(), true).contains(ChildJvmTuning.HUGE_PAGES));
        assertFalse(ChildJvmTuning.flags("watch", large, List.of(), true).contains(ChildJvmTuning.HUGE_PAGES), "watch: not measured");
        assertFalse(ChildJvmTuning.flags("index", large, List.of("-XX:-UseTransparentHugePages"), true)
                .contains(ChildJvmTuning.HUGE_PAGES), "the user's setting stands");
        Path mode = dir.resolve("enabled");
        Files.writeString(mode, "always [madvise] never\n");
        assertTrue(ChildJvmTuning.hugePagesOnRequest(mode));
        Files.writeString(mode, "[always] madvise never\n");
        assertFalse(ChildJvmTuning.hugePagesOnRequest(mode), "given to every process already");
        Files.writeString(mode, "always madvise [never]\n");
        assertFalse(ChildJvmTuning.hugePagesOnRequest(mode), "the JVM would only warn");
        assertFalse(ChildJvmTuning.hugePagesOnRequest(dir.resolve("absent")), "not Linux");
    }

    @Test
    void theChildOfASmallIndexRunsC1Only(@TempDir Path repo) throws Exception {
        System.setProperty("java.class.path", "/opt/codeanatomy.jar");
        sized(repo.resolve("a.py"), 100);
        List<String> command = JvmRelaunch.command(new String[] {"index", "--repo", repo.toString()}, List.of(), 8L << 30).orElseThrow();
        assertTrue(command.contains(ChildJvmTuning.C1_ONLY) && command.contains(ChildJvmTuning.SMALL_BATCH_GC), command.toString());
        assertTrue(command.stream().noneMatch(ChildJvmTuning.C2_FLAGS::contains), command.toString());
    }

    /**
     * The class-data archive beside the jar is used when it is there, with the JVM's CDS log lines
     * (which a stale archive would print on standard output) off; a training run writes it instead;
     * a user's -Xshare or archive flag leaves ours out.
     */
    @Test
    void theChildUsesTheClassDataArchiveBesideTheJar(@TempDir Path dir) throws Exception {
        Path jar = Files.createFile(dir.resolve("codeanatomy.jar"));
        System.setProperty("java.class.path", jar.toString());
        String[] args = {"sql", "--warehouse", "w"};
        List<String> without = JvmRelaunch.command(args, List.of(), 8L << 30).orElseThrow();
        assertTrue(without.stream().noneMatch(f -> f.contains("SharedArchiveFile") || f.startsWith("-Xlog:cds")), without.toString());

        Path archive = Files.createFile(dir.resolve("codeanatomy.jsa"));
        assertEquals(archive, ClassDataArchive.besideJar(jar));
        List<String> with = JvmRelaunch.command(args, List.of(), 8L << 30).orElseThrow();
        assertTrue(with.contains("-XX:SharedArchiveFile=" + archive) && with.contains("-Xlog:cds=off")
                && with.contains("-Xlog:cds+dynamic=off"), with.toString());
        assertTrue(with.indexOf("-XX:SharedArchiveFile=" + archive) < with.indexOf("-cp"), "a JVM flag: " + with);

        System.setProperty(ClassDataArchive.CREATE_PROPERTY, dir.resolve("new.jsa").toString());
        try {
            List<String> training = JvmRelaunch.command(args, List.of(), 8L << 30).orElseThrow();
            assertTrue(training.contains("-XX:ArchiveClassesAtExit=" + dir.resolve("new.jsa")), training.toString());
            assertTrue(training.stream().noneMatch(f -> f.contains("SharedArchiveFile")), training.toString());
        } finally {
            System.clearProperty(ClassDataArchive.CREATE_PROPERTY);
        }
        for (String user : List.of("-Xshare:off", "-XX:SharedArchiveFile=/elsewhere.jsa")) {
            List<String> theirs = JvmRelaunch.command(args, List.of(user), 8L << 30).orElseThrow();
            assertEquals(List.of(user), theirs.stream().filter(f -> f.startsWith("-Xshare") || f.contains("Archive")).toList(), theirs.toString());
        }
    }

    private static void sized(Path file, long bytes) throws Exception {
        Files.createDirectories(file.getParent());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes); // sparse: the size is what counts
        }
    }
}
