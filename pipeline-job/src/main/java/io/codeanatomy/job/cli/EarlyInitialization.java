package io.codeanatomy.job.cli;

import io.codeanatomy.delta.kernel.HadoopConf;

import java.util.Calendar;

/**
 * First-use initialization that every command pays on its main thread and that depends on nothing the
 * command decides, run on a thread of its own as the command starts: the JDK's calendar (the time zone
 * and locale data the log's first timestamp waits for) and Hadoop's default configuration (which the
 * first warehouse access parses). About 0.2 s of a small run's critical path, cold (docs/speed.md,
 * session 25). Whatever is not done when the main thread gets there, it waits for or does itself.
 */
final class EarlyInitialization {
    private EarlyInitialization() {
    }

    static void start() {
        Thread thread = new Thread(() -> {
            Calendar.getInstance();
            HadoopConf.loadDefaults();
        }, "codeanatomy-early-init");
        thread.setDaemon(true);
        thread.start();
    }
}
