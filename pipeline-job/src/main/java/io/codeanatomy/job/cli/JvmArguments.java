package io.codeanatomy.job.cli;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The options this JVM was started with (those before the main class or jar, as
 * {@link java.lang.management.RuntimeMXBean#getInputArguments()} lists them). Read from the JDK's
 * {@code jdk.internal.misc.VM}, which the management bean reads them from too, where the jar's
 * manifest exports it to us ({@code java -jar}): starting the platform's management beans to ask
 * took 27 ms of the launcher's start, before the child JVM can start. Elsewhere (tests, another
 * class path) from the bean.
 */
final class JvmArguments {
    private JvmArguments() {
    }

    static List<String> ofThisJvm() {
        try {
            Object arguments = Class.forName("jdk.internal.misc.VM").getMethod("getRuntimeArguments").invoke(null);
            return List.of((String[]) arguments);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notExported) {
            return ManagementFactory.getRuntimeMXBean().getInputArguments();
        }
    }
}
