package io.codeanatomy.job.sql;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code codeanatomy sql --format csv}: runs a script's statements in this JVM (batch, the catalog
 * current) and prints each query's rows as CSV (RFC 4180, a header line first), for programs that read
 * the output; {@code SET 'key' = 'value'} sets a session option as in the client. The first failing
 * statement ends the script with status 1, its error on the error stream.
 */
final class CsvScript {
    private static final Pattern SET = Pattern.compile("(?is)SET\\s+'([^']+)'\\s*=\\s*'([^']*)'");
    private static final Pattern RESET = Pattern.compile("(?is)RESET\\s+'([^']+)'");

    private CsvScript() {
    }

    static int run(URI warehouse, List<String> statements, PrintStream out, PrintStream err) {
        TableEnvironment t = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        t.executeSql("CREATE CATALOG " + SqlCommand.CATALOG + " WITH ('type'='codeanatomy', 'warehouse'='"
                + warehouse.toString().replace("'", "''") + "')");
        t.useCatalog(SqlCommand.CATALOG);
        for (String statement : statements) {
            try {
                Matcher set = SET.matcher(statement.strip());
                Matcher reset = RESET.matcher(statement.strip());
                if (set.matches()) {
                    t.getConfig().set(set.group(1), set.group(2));
                } else if (reset.matches()) {
                    t.getConfig().set(reset.group(1), "");
                } else {
                    print(t.executeSql(statement), out);
                }
            } catch (RuntimeException e) {
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                err.println("codeanatomy sql: " + statement.strip() + "\n  failed: " + root.getMessage());
                return 1;
            }
        }
        out.flush();
        return 0;
    }

    private static void print(TableResult result, PrintStream out) {
        if (result.getResultKind() != ResultKind.SUCCESS_WITH_CONTENT) {
            return;
        }
        List<String> names = result.getResolvedSchema().getColumnNames();
        out.println(line(names.toArray()));
        try (CloseableIterator<Row> rows = result.collect()) {
            while (rows.hasNext()) {
                Row r = rows.next();
                Object[] values = new Object[r.getArity()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = r.getField(i);
                }
                out.println(line(values));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** One CSV record: a null is an empty field; a field with a comma, quote or line break is quoted. */
    static String line(Object[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            if (values[i] == null) {
                continue;
            }
            String v = values[i].toString();
            if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
                b.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                b.append(v);
            }
        }
        return b.toString();
    }
}
