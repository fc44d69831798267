package io.codeanatomy.job.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM's class-data-sharing archive: {@code codeanatomy.jsa} beside {@code codeanatomy.jar},
 * written when the jar is packaged by a training run of the jar itself (pipeline-job's pom). It holds
 * the jar's classes as they are after loading and verification; a short run spends about a quarter
 * of its time on that otherwise (docs/speed.md: the quick start 8.95 → 6.66 s).
 *
 * <p>The JVM checks the archive against the jar it runs (path, size, time) and against itself, and
 * skips an archive that does not match, so a jar rebuilt without one, moved, or run by another JDK
 * just starts without it; its CDS log lines, which would say so on standard output, are turned off.
 * A user's own {@code -Xshare} or archive flag wins: ours are then left out.
 */
final class ClassDataArchive {
    /** Set (to the archive's path) on the parent JVM of a training run: the child writes the archive at exit. */
    static final String CREATE_PROPERTY = "codeanatomy.class-archive.create";

    private ClassDataArchive() {
    }

    /** The archive that belongs to {@code jar}: the same name, ending {@code .jsa}. */
    static Path besideJar(Path jar) {
        String name = jar.getFileName().toString();
        return jar.resolveSibling((name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name) + ".jsa");
    }

    /** The child's archive flags for a run of {@code jar}. */
    static List<String> flags(Path jar, List<String> userFlags) {
        if (userFlags.stream().anyMatch(f -> f.startsWith("-Xshare") || f.startsWith("-XX:SharedArchiveFile")
                || f.startsWith("-XX:ArchiveClassesAtExit"))) {
            return List.of();
        }
        String create = System.getProperty(CREATE_PROPERTY);
        if (create != null) {
            return List.of("-XX:ArchiveClassesAtExit=" + create);
        }
        Path archive = besideJar(jar);
        if (!Files.isRegularFile(archive)) {
            return List.of();
        }
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }
}
