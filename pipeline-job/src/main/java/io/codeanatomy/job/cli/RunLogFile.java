package io.codeanatomy.job.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The log file of one run of the command: a new file (never an existing one, never through a
 * symbolic link) in a directory only this user can write, {@code ~/.codeanatomy/logs} unless
 * {@code -Dcodeanatomy.log.dir} says otherwise. A fixed name in a shared temporary directory would let
 * another local user point it, as a link, at a file of ours to overwrite.
 */
public final class RunLogFile {
    public static final String FILE_PROPERTY = "codeanatomy.log.file";
    public static final String DIR_PROPERTY = "codeanatomy.log.dir";

    private RunLogFile() {
    }

    /**
     * Creates this run's log file and points the logging configuration at it ({@value #FILE_PROPERTY});
     * must run before the first logger. A file already chosen with {@code -D} is left as it is.
     */
    public static Path install() throws IOException {
        String chosen = System.getProperty(FILE_PROPERTY);
        if (chosen != null) {
            return Path.of(chosen);
        }
        Path file = create(Path.of(System.getProperty(DIR_PROPERTY,
                Path.of(System.getProperty("user.home"), ".codeanatomy", "logs").toString())));
        System.setProperty(FILE_PROPERTY, file.toString());
        return file;
    }

    /**
     * {@code yyyyMMdd-HHmmssZ} in UTC. Not the local time through a DateTimeFormatter: loading the time
     * zone and locale data for it took 30-40 ms of every command's start (docs/speed.md, session 25).
     */
    static String stamp(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(16);
        digits(out, t.getYear(), 4);
        digits(out, t.getMonthValue(), 2);
        digits(out, t.getDayOfMonth(), 2);
        out.append('-');
        digits(out, t.getHour(), 2);
        digits(out, t.getMinute(), 2);
        digits(out, t.getSecond(), 2);
        return out.append('Z').toString();
    }

    private static void digits(StringBuilder out, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        out.append(text);
    }

    static Path create(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new IOException("the log directory " + dir + " is a symbolic link; refusing to write logs through it");
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        String name = "codeanatomy-" + stamp(System.currentTimeMillis() / 1000) + "-" + ProcessHandle.current().pid();
        for (int attempt = 0; ; attempt++) {
            Path file = dir.resolve(name + (attempt == 0 ? "" : "-" + attempt) + ".log");
            try {
                // CREATE_NEW semantics: fails on any existing entry, a link included, so nothing is followed.
                return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException taken) {
                if (attempt > 100) {
                    throw taken;
                }
            }
        }
    }
}
