package io.codeanatomy.job.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which Java versions the jar refuses up front, and what it tells the user. */
class SupportedJavaTest {
    @Test
    void java17And21RunAndJava23OnIsRefusedWithTheJavaNamed() {
        assertTrue(SupportedJava.problem(17, "/usr/bin/java").isEmpty());
        assertTrue(SupportedJava.problem(21, "/usr/bin/java").isEmpty());
        assertTrue(SupportedJava.problem(22, "/usr/bin/java").isEmpty());
        for (int feature : new int[] {23, 25}) {
            String message = SupportedJava.problem(feature, "/opt/jdk/bin/java").orElseThrow();
            assertTrue(message.startsWith("Java " + feature + " is not supported"), message);
            assertTrue(message.contains("Java 17 or 21") && message.contains("/opt/jdk/bin/java"), message);
        }
        assertEquals(SupportedJava.problem(Runtime.version().feature(), "java").isPresent(),
                SupportedJava.problem().isPresent(), "the running JVM is judged by its own version");
    }
}
