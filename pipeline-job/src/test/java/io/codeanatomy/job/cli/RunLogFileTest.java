package io.codeanatomy.job.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each run logs to a new owner-only file that no planted link can redirect. */
class RunLogFileTest {
    @TempDir
    Path tmp;

    @Test
    void eachRunGetsANewOwnerOnlyFileInAnOwnerOnlyDirectory() throws IOException {
        Path dir = tmp.resolve("home/.codeanatomy/logs");
        Path first = RunLogFile.create(dir);
        Path second = RunLogFile.create(dir);
        assertNotEquals(first, second, "a new file per run, never an earlier one reused");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first)));
        assertTrue(first.getFileName().toString().startsWith("codeanatomy-"));
    }

    @Test
    void theNameCarriesTheUtcTimeOfTheRun() {
        assertEquals("19700101-000000Z", RunLogFile.stamp(0));
        assertEquals("20261203-072643Z", RunLogFile.stamp(1_796_282_803L));
        assertEquals("20001231-235959Z", RunLogFile.stamp(978_307_199L));
    }

    @Test
    void aLogDirectoryThatIsALinkIsRefusedAndNothingIsWrittenThroughIt() throws IOException {
        Path victim = Files.createDirectory(tmp.resolve("victim"));
        Path link = Files.createSymbolicLink(tmp.resolve("logs"), victim);
        IOException e = assertThrows(IOException.class, () -> RunLogFile.create(link));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        try (var files = Files.list(victim)) {
            assertFalse(files.findAny().isPresent(), "nothing was created through the link");
        }
    }
}
