package io.codeanatomy.job.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

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

    static Path create(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new IOException("the log directory " + dir + " is a symbolic link; refusing to write logs through it");
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String name = "codeanatomy-" + stamp + "-" + ProcessHandle.current().pid();
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
