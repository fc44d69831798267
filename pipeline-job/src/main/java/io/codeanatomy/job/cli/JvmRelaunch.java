package io.codeanatomy.job.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command in a child JVM with the JIT settings the embedded runs are measured with, when the
 * jar was started as {@code java -jar codeanatomy.jar ...} (a jar cannot set its own JVM flags).
 *
 * <p>Why: a one-shot index is short for a JVM. With the default settings the C2 compiler spends a
 * third of the run's CPU compiling methods with deep inlining (docs/speed.md: 36 of 110
 * CPU-seconds on the standard library without its tests); smaller inlining bounds and later C2 compilation cut that to
 * about 13 s, and the workers do not get slower. Flags the user gave the JVM come along and win over
 * ours. The parent only waits: SIGTERM (and Ctrl-C) reach the child through the parent's shutdown
 * hook, which waits for the child's own shutdown (watch's final savepoint); if the parent is killed
 * outright the child halts too, as the parent would have.
 *
 * <p>The child also gets a heap limit sized from the repositories' source ({@link HeapBound}) unless
 * the user set one, and exits at once when out of heap, with the parent saying which limit it hit.
 *
 * <p>Off with {@code CODEANATOMY_JVM_RELAUNCH=false} or {@code -Dcodeanatomy.jvm.relaunch=false}.
 */
final class JvmRelaunch {
    static final String CHILD_PROPERTY = "codeanatomy.jvm.child";
    static final String ENABLED_PROPERTY = "codeanatomy.jvm.relaunch";
    static final String ENABLED_ENV = "CODEANATOMY_JVM_RELAUNCH";
    /** The source bytes a default heap limit was sized from, passed to the child for messages. */
    static final String HEAP_SOURCE_PROPERTY = "codeanatomy.heap.source-bytes";
    /** HotSpot's exit status under -XX:+ExitOnOutOfMemoryError. */
    static final int OUT_OF_MEMORY_EXIT = 3;

    private JvmRelaunch() {
    }

    /** In the child: halt when the parent is gone (it was killed; nothing would wait for us). */
    static void followParentIfChild() {
        if (System.getProperty(CHILD_PROPERTY) == null) {
            return;
        }
        ProcessHandle.current().parent().ifPresent(parent -> {
            // Polled here: the JDK's onExit() for a process that is not our child polls up to 5 s apart,
            // and a killed parent stays "alive" as a zombie until reaped. Being handed to another parent
            // is immediate, so that is what is watched.
            long parentPid = parent.pid();
            Thread watch = new Thread(() -> {
                while (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == parentPid) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                Runtime.getRuntime().halt(137);
            }, "codeanatomy-parent-watch");
            watch.setDaemon(true);
            watch.start();
        });
    }

    /**
     * Runs {@code args} in a child JVM and returns its exit code, or nothing when this process should
     * run the command itself (it is the child, relaunching is off, or it was not started from a jar).
     */
    static OptionalInt run(String[] args) {
        Optional<List<String>> command = command(args);
        if (command.isEmpty()) {
            return OptionalInt.empty();
        }
        List<String> childCommand = new ArrayList<>(command.get());
        Optional<PythonLookupHandoff> pythonLookup = PythonLookupHandoff.prepare(args);
        pythonLookup.ifPresent(lookup -> childCommand.add(childCommand.indexOf("-D" + CHILD_PROPERTY + "=true"), lookup.flag()));
        Process child;
        try {
            child = new ProcessBuilder(childCommand).inheritIO().start();
        } catch (java.io.IOException e) {
            pythonLookup.ifPresent(PythonLookupHandoff::close);
            System.err.println("codeanatomy: cannot start a JVM with tuned settings (" + e.getMessage() + "); running in this one");
            return OptionalInt.empty();
        }
        pythonLookup.ifPresent(PythonLookupHandoff::start); // after the child: its start is the critical path
        Thread forward = new Thread(() -> {
            if (child.isAlive()) {
                child.destroy(); // SIGTERM: the child shuts down as it would have here
                try {
                    child.waitFor(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "codeanatomy-child-shutdown");
        Runtime.getRuntime().addShutdownHook(forward);
        try {
            int code = child.waitFor();
            pythonLookup.ifPresent(PythonLookupHandoff::close);
            Runtime.getRuntime().removeShutdownHook(forward);
            if (code == OUT_OF_MEMORY_EXIT) {
                System.err.println(outOfMemory(command.get()));
            }
            return OptionalInt.of(code);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(1);
        } catch (IllegalStateException shuttingDown) {
            return OptionalInt.of(1);
        }
    }

    /** The child's command line, when this process should start one. */
    static Optional<List<String>> command(String[] args) {
        if (System.getProperty(CHILD_PROPERTY) != null) {
            return Optional.empty(); // before the JVM's arguments are asked for: the management beans are slow to start
        }
        return command(args, JvmArguments.ofThisJvm(), Runtime.getRuntime().maxMemory());
    }

    /** The same for a JVM started with {@code userFlags} whose default heap limit is {@code defaultMaxHeap}. */
    static Optional<List<String>> command(String[] args, List<String> userFlags, long defaultMaxHeap) {
        if (System.getProperty(CHILD_PROPERTY) != null || CodeAnatomyMain.onlyPrintsHelp(args) || !enabled()) {
            return Optional.empty(); // help only prints: a second JVM would double its time
        }
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)) {
            return Optional.empty(); // not `java -jar`: tests, an IDE, a cluster
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Optional<HeapBound> bound = HeapBound.of(args, defaultMaxHeap);
        command.addAll(ChildJvmTuning.flags(args[0],
                bound.map(b -> OptionalLong.of(b.sourceBytes())).orElse(OptionalLong.empty()), userFlags));
        if (bound.isPresent() && userFlags.stream().noneMatch(JvmRelaunch::setsHeapLimit)) {
            command.add(bound.get().flag());
            command.add("-D" + HEAP_SOURCE_PROPERTY + "=" + bound.get().sourceBytes());
        }
        if (userFlags.stream().noneMatch(f -> f.endsWith("ExitOnOutOfMemoryError"))) {
            // A task out of heap would otherwise restart and run out again; the parent explains the exit.
            command.add("-XX:+ExitOnOutOfMemoryError");
        }
        command.addAll(ClassDataArchive.flags(Path.of(classPath), userFlags));
        command.addAll(userFlags);
        command.addAll(manifestModuleAccess());
        // This run's log file, created by the parent: one file for the run.
        String logFile = System.getProperty(RunLogFile.FILE_PROPERTY);
        if (logFile != null) {
            command.add("-D" + RunLogFile.FILE_PROPERTY + "=" + logFile);
        }
        command.add("-D" + CHILD_PROPERTY + "=true");
        command.add("-cp");
        command.add(classPath);
        command.add(CodeAnatomyMain.class.getName());
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /** The jar manifest's Add-Opens/Add-Exports, which a JVM started with -cp does not apply by itself. */
    private static List<String> manifestModuleAccess() {
        try {
            return JarModuleAccess.ofManifest();
        } catch (java.io.IOException e) {
            System.err.println("codeanatomy: cannot read the jar's manifest (" + e.getMessage() + "); the child JVM runs without its Add-Opens");
            return List.of();
        }
    }

    private static boolean setsHeapLimit(String flag) {
        return flag.startsWith("-Xmx") || flag.startsWith("-XX:MaxHeapSize=") || flag.startsWith("-XX:MaxRAM");
    }

    /** What the parent tells the user when the child ran out of heap (HotSpot's exit status 3). */
    static String outOfMemory(List<String> command) {
        String limit = command.stream().filter(JvmRelaunch::setsHeapLimit).reduce((a, b) -> b).orElse("the JVM's default");
        String sized = command.stream().filter(f -> f.startsWith("-D" + HEAP_SOURCE_PROPERTY + "=")).findFirst()
                .map(f -> ", sized from " + (Long.parseLong(f.substring(f.indexOf('=') + 1)) >> 20) + " MB of source")
                .orElse("");
        return "codeanatomy: the run ran out of memory (" + limit + sized + "). Give it more with "
                + "`java -Xmx<size> -jar codeanatomy.jar ...` (say -Xmx4g) and run it again; the warehouse "
                + "holds only whole commits.";
    }

    private static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, System.getenv().getOrDefault(ENABLED_ENV, "true")));
    }
}
