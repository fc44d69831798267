package io.codeanatomy.job.sql;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration directory the Flink SQL client starts from: {@code config.yaml} (batch mode,
 * tableau results, a file catalog store), the store's {@code catalogs/NAME.yaml} for the warehouse's
 * catalog (so no CREATE CATALOG is typed), an init script making it current, and a log configuration
 * that keeps the client's logs out of the terminal.
 */
final class SqlClientConf {
    static final String INIT_SQL = "init.sql";
    static final String LOG4J = "log4j2-sql-client.properties";

    private SqlClientConf() {
    }

    static void write(Path dir, String catalog, URI warehouse) throws IOException {
        Path catalogs = Files.createDirectories(dir.resolve("catalogs"));
        Files.writeString(dir.resolve("config.yaml"), String.join("\n",
                "execution.runtime-mode: batch",
                "execution.target: local", // a MiniCluster in the client per statement (no cluster to attach to)
                "sql-client.execution.result-mode: tableau",
                "sql-client.display.print-time-cost: false",
                "table.catalog-store.kind: file",
                "table.catalog-store.file.path: " + quoted(catalogs.toUri().toString()),
                "parallelism.default: 2",
                ""), StandardCharsets.UTF_8);
        Files.writeString(catalogs.resolve(catalog + ".yaml"), String.join("\n",
                "type: codeanatomy",
                "warehouse: " + quoted(warehouse.toString()),
                ""), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(INIT_SQL), "USE CATALOG " + catalog + ";\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(LOG4J), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = file",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = ${sys:codeanatomy.log.file}",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                ""), StandardCharsets.UTF_8);
    }

    /** A YAML double-quoted scalar. */
    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
