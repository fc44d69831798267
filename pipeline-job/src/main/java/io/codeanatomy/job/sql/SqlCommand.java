package io.codeanatomy.job.sql;

import io.codeanatomy.job.cli.OptionSpec;
import io.codeanatomy.job.cli.ParsedOptions;
import io.codeanatomy.job.cli.JarModuleAccess;
import io.codeanatomy.job.cli.RunLogFile;
import io.codeanatomy.job.cli.UsageException;
import io.codeanatomy.job.cli.WarehouseOption;
import io.codeanatomy.job.cli.DirectoryTree;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * `codeanatomy sql`: the real Flink SQL client (its prompt, history and result display) with the
 * warehouse's catalog {@code cpg} current, so {@code SHOW TABLES; SELECT ...} works with no DDL.
 * The client reads its configuration from a directory named by the environment ({@code FLINK_CONF_DIR}),
 * which a running JVM cannot set for itself: the command writes that directory (a catalog store
 * holding {@code cpg}, batch mode, tableau results, an init script) and runs the client in a child JVM
 * of the same class path, with this terminal.
 */
public final class SqlCommand {
    public static final String NAME = "sql";
    static final String CATALOG = "cpg";
    /** What the client prints for a statement that failed. */
    private static final String STATEMENT_FAILED = "[ERROR] Could not execute SQL statement";
    /** What it prints when the init script (USE CATALOG cpg) failed. */
    private static final String INIT_FAILED = "Failed to initialize from sql script";
    public static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.value("warehouse", "URI", "the warehouse to query: a directory or a file system URI (required without --gateway)"),
            OptionSpec.value("gateway", "HOST:PORT", "query through the SQL Gateway of a running `watch --sql-gateway PORT` instead"),
            OptionSpec.value("execute", "SQL", "run these statements (separated by ;) and exit; also -e"),
            OptionSpec.value("file", "FILE", "run the statements of FILE and exit; also -f"),
            OptionSpec.value("format", "tableau|csv", "how -e/-f print results: the client's tables (default), or CSV with a header"
                    + " (statements then run in this JVM, not in the client)"),
            OptionSpec.flag("help", "show this help"));

    private SqlCommand() {
    }

    public static String usage() {
        return ParsedOptions.usage("codeanatomy sql --warehouse URI | --gateway HOST:PORT [-e \"SQL\" | -f FILE]",
                "Opens the Flink SQL client on a warehouse: its tables are those of the catalog 'cpg' (current), read\n"
                        + "at the newest committed checkpoint. Without -e or -f the client is interactive. Statements run in\n"
                        + "batch mode and print tables; SET 'codeanatomy.checkpoint' = 'N' pins an older checkpoint.",
                OPTIONS);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        ParsedOptions options = ParsedOptions.parse(NAME, OPTIONS, shortOptions(args));
        if (options.has("help")) {
            out.print(usage());
            return 0;
        }
        Optional<String> gateway = options.get("gateway");
        if (gateway.isPresent() && options.has("warehouse")) {
            throw new UsageException("give --warehouse URI or --gateway HOST:PORT, not both (a gateway serves its own warehouse)");
        }
        if (gateway.isPresent() && !gateway.get().matches("[^:\\s]+:[0-9]{1,5}")) {
            throw new UsageException("--gateway " + gateway.get() + ": expected HOST:PORT, e.g. 127.0.0.1:8083");
        }
        URI warehouse = gateway.isPresent() ? null : WarehouseOption.existing(options, NAME);
        if (options.has("execute") && options.has("file")) {
            throw new UsageException("give -e SQL or -f FILE, not both");
        }
        String format = options.get("format").orElse("tableau");
        if (!format.equals("tableau") && !format.equals("csv")) {
            throw new UsageException("--format " + format + ": expected tableau or csv");
        }
        if (format.equals("csv")) {
            if (gateway.isPresent() || !(options.has("execute") || options.has("file"))) {
                throw new UsageException("--format csv needs -e or -f and --warehouse");
            }
            String script = options.has("execute") ? options.get("execute").orElseThrow()
                    : Files.readString(readable(Path.of(options.get("file").orElseThrow())), StandardCharsets.UTF_8);
            return CsvScript.run(warehouse, statements(script), out, err);
        }
        Path confDir = Files.createTempDirectory("codeanatomy-sql-");
        try {
            Path statements = null;
            if (options.has("execute")) {
                statements = confDir.resolve("statements.sql");
                Files.writeString(statements, oneStatementPerLine(options.get("execute").orElseThrow()), StandardCharsets.UTF_8);
            } else if (options.has("file")) {
                statements = readable(Path.of(options.get("file").orElseThrow()));
            }
            SqlClientConf.write(confDir, CATALOG, warehouse);
            ProcessBuilder builder = new ProcessBuilder(command(confDir, statements, gateway)).inheritIO().directory(confDir.toFile());
            builder.environment().put("FLINK_CONF_DIR", confDir.toString());
            if (statements == null) {
                return builder.start().waitFor(); // interactive: the client has this terminal
            }
            // A script: the client prints a failed statement and still exits 0; scripts need the failure in the status.
            Process client = builder.redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
            client.getOutputStream().close();
            boolean failed = false;
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    out.println(line);
                    failed |= line.contains(STATEMENT_FAILED) || line.contains(INIT_FAILED);
                }
            }
            int status = client.waitFor();
            out.flush();
            return status != 0 ? status : failed ? 1 : 0;
        } finally {
            DirectoryTree.delete(confDir);
        }
    }

    /** The client's command line: this JVM's java and class path, its opened modules, the conf directory. */
    static List<String> command(Path confDir, Path statements, Optional<String> gateway) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(JarModuleAccess.ofThisJvm());
        cmd.add("-Dlog4j.configurationFile=" + confDir.resolve(SqlClientConf.LOG4J));
        cmd.add("-Dcodeanatomy.log.file=" + System.getProperty(RunLogFile.FILE_PROPERTY, confDir.resolve("sql-client.log").toString())
                + ".sql-client");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.apache.flink.table.client.SqlClient");
        if (gateway.isPresent()) {
            cmd.add("gateway");
            cmd.add("-e");
            cmd.add(gateway.get());
        } else {
            cmd.add("embedded");
        }
        cmd.add("-i");
        cmd.add(confDir.resolve(SqlClientConf.INIT_SQL).toString());
        if (statements != null) {
            cmd.add("-f");
            cmd.add(statements.toAbsolutePath().toString());
        }
        return cmd;
    }

    /** {@code -e} and {@code -f} as the long options they stand for. */
    static String[] shortOptions(String[] args) {
        String[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i].equals("-e")) {
                out[i] = "--execute";
            } else if (out[i].equals("-f")) {
                out[i] = "--file";
            }
        }
        return out;
    }

    /**
     * The statements of {@code -e}, one per line as the client's script reader expects (it takes a
     * statement to end at a semicolon that ends a line): split at semicolons outside quotes, strings
     * and {@code --} comments.
     */
    private static Path readable(Path file) {
        if (!Files.isReadable(file)) {
            throw new UsageException("-f " + file + ": no such readable file");
        }
        return file;
    }

    /**
     * The statements of a script: split at semicolons outside quotes, strings and {@code --} comments
     * (comments dropped), each stripped, empty ones left out.
     */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                statement.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                statement.append(c);
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end - 1;
            } else if (c == ';') {
                add(out, statement);
            } else {
                statement.append(c);
            }
        }
        add(out, statement);
        return out;
    }

    private static void add(List<String> out, StringBuilder statement) {
        String s = statement.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        statement.setLength(0);
    }

    /** The statements as the client's script reader expects them: each ends with a semicolon that ends a line. */
    static String oneStatementPerLine(String sql) {
        StringBuilder out = new StringBuilder();
        statements(sql).forEach(st -> out.append(st).append(";\n"));
        return out.toString();
    }

}
