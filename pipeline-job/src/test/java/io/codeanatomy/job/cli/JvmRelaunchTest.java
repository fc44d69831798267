package io.codeanatomy.job.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
        for (String flag : JvmRelaunch.JIT_FLAGS) {
            assertTrue(command.contains(flag), flag);
        }
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
        assertEquals(JvmRelaunch.JIT_FLAGS.size(), command.stream().filter(JvmRelaunch.JIT_FLAGS::contains).count());
    }

    @Test
    void noChildOutsideAJarWhenTurnedOffOrAlreadyAChild() {
        assertFalse(JvmRelaunch.command(new String[] {"index"}).isPresent(), "a class path run (tests, an IDE)");
        System.setProperty("java.class.path", "/opt/codeanatomy.jar");
        System.setProperty(JvmRelaunch.ENABLED_PROPERTY, "false");
        assertFalse(JvmRelaunch.command(new String[] {"index"}).isPresent(), "turned off");
        System.clearProperty(JvmRelaunch.ENABLED_PROPERTY);
        assertFalse(JvmRelaunch.command(new String[0]).isPresent(), "no command: usage is printed here");
        System.setProperty(JvmRelaunch.CHILD_PROPERTY, "true");
        try {
            assertFalse(JvmRelaunch.command(new String[] {"index"}).isPresent(), "the child runs the command");
        } finally {
            System.clearProperty(JvmRelaunch.CHILD_PROPERTY);
        }
    }
}
