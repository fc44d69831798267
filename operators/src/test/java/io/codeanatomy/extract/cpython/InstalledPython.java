package io.codeanatomy.extract.cpython;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * This machine's python3, which the build requires (README: Java 17, Maven, git and python3). A test
 * needing it fails with this message rather than skipping, so a runner without python3 cannot pass
 * green while the CPython layer goes untested.
 */
public final class InstalledPython {
    private static final String REQUIRED = "python3 is required to build CodeAnatomy (see README): ";

    private InstalledPython() {
    }

    /** Fails the test unless the helper's python3 answers a probe. */
    public static void require(CPythonHelper helper) {
        CPythonFacts probe = helper.facts("probe.py", new byte[0]);
        assertEquals(CPythonFacts.Status.OK, probe.status, () -> REQUIRED + probe.message);
    }

    /** A helper with the defaults, its python3 checked; the caller closes it. */
    public static CPythonHelper helper() {
        CPythonHelper helper = CPythonHelper.withDefaults();
        try {
            require(helper);
        } catch (AssertionError e) {
            helper.close();
            throw e;
        }
        return helper;
    }

    /** The directory of python3's standard library sources. */
    public static Path stdlib() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, p.waitFor(), () -> REQUIRED + out);
            Path stdlib = Path.of(out);
            assertTrue(Files.isDirectory(stdlib), () -> REQUIRED + "its standard library " + stdlib + " is missing");
            return stdlib;
        } catch (IOException e) {
            return fail(REQUIRED + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(e);
        }
    }
}
