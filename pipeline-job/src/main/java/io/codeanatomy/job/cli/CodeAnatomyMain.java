package io.codeanatomy.job.cli;

import io.codeanatomy.delta.kernel.UnreadableTableException;
import io.codeanatomy.job.index.IndexCommand;
import io.codeanatomy.job.maintain.MaintainCommand;
import io.codeanatomy.job.sql.SqlCommand;
import io.codeanatomy.job.watch.WatchCommand;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The `codeanatomy` command: dispatches to a subcommand; exit 0 ok, 1 failure, 2 bad usage. */
public final class CodeAnatomyMain {
    private static final String USAGE = "Usage: codeanatomy COMMAND [options]\n\n"
            + "CodeAnatomy keeps a code property graph of your repositories in Delta Lake tables.\n\n"
            + "Commands:\n"
            + "  index    index one snapshot of a repository into the CPG tables\n"
            + "  watch    keep the CPG tables equal to the head of each repository's branch, commit by commit\n"
            + "  maintain compact data files back into owner order and vacuum unreferenced files of a warehouse\n"
            + "  sql      query a warehouse with the Flink SQL client (catalog 'cpg' current; -e/-f run statements)\n"
            + "  help     show this help, or `codeanatomy help COMMAND`\n\n"
            + "Run `codeanatomy COMMAND --help` for the options of a command. On a Flink cluster, submit the\n"
            + "jar with entry class io.codeanatomy.job.cluster.ClusterEntry and the arguments `index|watch [options]`.\n";

    /** The names of the help command. */
    static final List<String> HELP = List.of("help", "--help", "-h");

    /** Whether the command line asks only for help: the help command, no command, or a command's {@code --help}. */
    static boolean onlyPrintsHelp(String[] args) {
        return args.length == 0 || HELP.contains(args[0]) || Arrays.asList(args).contains("--help");
    }

    private CodeAnatomyMain() {
    }

    public static void main(String[] args) {
        if (onlyPrintsHelp(args)) {
            // Usage only, on any Java: no log file, no logging, no child JVM (help took 1 s with them).
            System.exit(run(args, System.out, System.err));
        }
        try {
            RunLogFile.install(); // before the first logger reads the configuration
        } catch (java.io.IOException e) {
            System.err.println("codeanatomy: cannot create a log file: " + e.getMessage()
                    + " (set -D" + RunLogFile.FILE_PROPERTY + "=FILE or -D" + RunLogFile.DIR_PROPERTY + "=DIR)");
            System.exit(2);
        }
        java.util.Optional<String> unsupported = SupportedJava.problem();
        if (unsupported.isPresent()) {
            System.err.println("codeanatomy: " + unsupported.get());
            System.exit(2);
        }
        java.util.OptionalInt child = JvmRelaunch.run(args);
        if (child.isPresent()) {
            System.exit(child.getAsInt());
        }
        JvmRelaunch.followParentIfChild();
        // Logging set up before any other thread may log: SLF4J hands a thread that asks for a logger
        // while another thread binds it a substitute whose lines are dropped (and prints a warning
        // about it on the console), and log4j lets a thread that finds the configuration being read
        // log through the default one, which drops INFO lines.
        org.slf4j.LoggerFactory.getLogger(CodeAnatomyMain.class);
        EarlyInitialization.start(args.length > 0 ? args[0] : "");
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (OutOfMemoryError e) {
            // Thrown by Flink itself when a memory pool cannot be had (the JVM's own exits at once): an
            // exit, not a dead main thread in a JVM that Flink's threads keep alive.
            System.err.println("codeanatomy: out of memory: " + e.getMessage());
            code = JvmRelaunch.OUT_OF_MEMORY_EXIT;
        }
        System.exit(code);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (command) {
                case "help", "--help", "-h" -> {
                    out.print(usage(rest.length > 0 ? rest[0] : ""));
                    yield 0;
                }
                case IndexCommand.NAME -> IndexCommand.run(rest, out);
                case WatchCommand.NAME -> WatchCommand.run(rest, out);
                case MaintainCommand.NAME -> MaintainCommand.run(rest, out);
                case SqlCommand.NAME -> SqlCommand.run(rest, out, err);
                default -> {
                    err.println("codeanatomy: unknown command '" + command + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (UsageException e) {
            err.println("codeanatomy: " + e.getMessage());
            err.println("Run `codeanatomy " + command + " --help` for usage.");
            return 2;
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root && !(root instanceof UnreadableTableException)) {
                root = root.getCause();
            }
            // A damaged warehouse table: its own message names the table and the file (or the columns).
            err.println("codeanatomy " + command + " failed: "
                    + (root instanceof UnreadableTableException ? root.getMessage() : root.toString()));
            err.println("(full stack trace in the log: " + System.getProperty(RunLogFile.FILE_PROPERTY,
                    "see log4j2.properties") + ")");
            org.slf4j.LoggerFactory.getLogger(CodeAnatomyMain.class).error("{} failed", command, e);
            return 1;
        }
    }

    private static String usage(String command) {
        return switch (command) {
            case IndexCommand.NAME -> IndexCommand.usage();
            case WatchCommand.NAME -> WatchCommand.usage();
            case MaintainCommand.NAME -> MaintainCommand.usage();
            case SqlCommand.NAME -> SqlCommand.usage();
            default -> USAGE;
        };
    }
}
