package io.codeanatomy.job.cli;

import io.codeanatomy.delta.kernel.HadoopConf;
import io.codeanatomy.job.index.IndexCommand;
import io.codeanatomy.job.watch.WatchCommand;
import io.codeanatomy.source.git.GitRepositories;

import java.util.Calendar;

/**
 * First-use initialization that a command pays on its critical path and that depends on nothing the
 * command decides, run on threads of their own as the command starts: the JDK's calendar (the time
 * zone and locale data the log's first timestamp waits for), Hadoop's default configuration (which
 * the first warehouse access parses) and Hadoop's {@code Shell} class, whose initializer runs
 * {@code setsid bash -c 'echo $$'} to see whether it may. For the commands that run an embedded
 * cluster over git repositories, also JGit's system configuration (JGit runs {@code git --version}
 * and {@code git config --system --list} to find it before it opens the first repository) and what
 * the cluster's start reads first ({@link PrestartedMiniCluster#prepare()}). Each is 0.05-0.2 s of a
 * small run's critical path, cold (docs/speed.md, sessions 25 and 26). Whatever is not done when a
 * command's thread gets there, it waits for or does itself.
 */
final class EarlyInitialization {
    private static final String HADOOP_SHELL = "org.apache.hadoop.util.Shell";

    private EarlyInitialization() {
    }

    static void start(String command) {
        boolean embedded = IndexCommand.NAME.equals(command) || WatchCommand.NAME.equals(command);
        if (embedded) {
            // A thread of its own: the cluster's thread needs this while the main thread still plans.
            daemon(PrestartedMiniCluster::prepare, "codeanatomy-early-init-cluster");
        }
        daemon(() -> {
            if (embedded) {
                GitRepositories.readSystemConfig(); // first: the command opens its repository first
            }
            Calendar.getInstance();
            HadoopConf.loadDefaults();
            initialize(HADOOP_SHELL);
        }, "codeanatomy-early-init");
    }

    private static void daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void initialize(String className) {
        try {
            Class.forName(className, true, EarlyInitialization.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // the command loads it itself, if it needs it, and reports what is wrong then
        }
    }
}
