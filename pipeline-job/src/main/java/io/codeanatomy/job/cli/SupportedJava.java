package io.codeanatomy.job.cli;

import java.util.Optional;

/**
 * The Java versions the jar runs on, checked before anything starts: Hadoop's client (every
 * warehouse goes through it) asks {@code javax.security.auth.Subject.getSubject}, which Java 23
 * refuses without a security manager allowed and Java 24 and later refuse always, so on those the
 * run would fail deep inside the first warehouse access with "getSubject is not supported".
 * Java 17 is what the project builds and tests on; Flink 2.3 supports 17 and 21.
 */
final class SupportedJava {
    /** The first feature release whose {@code Subject.getSubject} throws. */
    static final int FIRST_UNSUPPORTED = 23;

    private SupportedJava() {
    }

    /** Why this Java cannot run the jar, or empty when it can. */
    static Optional<String> problem(int feature, String javaCommand) {
        if (feature < FIRST_UNSUPPORTED) {
            return Optional.empty();
        }
        return Optional.of("Java " + feature + " is not supported: Hadoop's client, which reads and writes the"
                + " warehouse, calls Subject.getSubject, which Java " + FIRST_UNSUPPORTED + " and later refuse."
                + " Run codeanatomy with Java 17 or 21 (this is " + javaCommand + ").");
    }

    /** {@link #problem} for the running JVM. */
    static Optional<String> problem() {
        int feature = Runtime.version().feature();
        if (feature < FIRST_UNSUPPORTED) {
            return Optional.empty(); // every start asks: the process's command is looked up only to name it
        }
        return problem(feature, ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
    }
}
