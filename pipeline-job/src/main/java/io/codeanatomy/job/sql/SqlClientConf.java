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

    /** What every session starts with: batch statements on a MiniCluster of their own, the file catalog store of {@code dir}. */
    static java.util.Map<String, String> sessionDefaults(Path dir) {
        java.util.Map<String, String> conf = new java.util.LinkedHashMap<>();
        conf.put("execution.runtime-mode", "batch");
        conf.put("execution.target", "local"); // a MiniCluster per statement (no cluster to attach to)
        conf.put("execution.attached", "true"); // the only way the local executor runs (a gateway defaults to detached)
        conf.put("table.catalog-store.kind", "file");
        conf.put("table.catalog-store.file.path", dir.resolve("catalogs").toUri().toString());
        conf.put("parallelism.default", "2");
        return conf;
    }

    /**
     * The client's directory. With a warehouse (embedded mode) the session settings and the catalog
     * store holding {@code catalog}; without one (a client of a gateway, which sends its configuration
     * to the session) only the client's own settings, so that the gateway's catalog store stays in force.
     */
    static void write(Path dir, String catalog, URI warehouse) throws IOException {
        StringBuilder config = new StringBuilder();
        if (warehouse != null) {
            sessionDefaults(dir).forEach((k, v) -> config.append(k).append(": ").append(quoted(v)).append('\n'));
            Path catalogs = Files.createDirectories(dir.resolve("catalogs"));
            Files.writeString(catalogs.resolve(catalog + ".yaml"), String.join("\n",
                    "type: codeanatomy",
                    "warehouse: " + quoted(warehouse.toString()),
                    ""), StandardCharsets.UTF_8);
        }
        config.append("sql-client.execution.result-mode: tableau\n");
        config.append("sql-client.display.print-time-cost: false\n");
        Files.writeString(dir.resolve("config.yaml"), config.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(INIT_SQL), "USE CATALOG " + catalog + ";\n", StandardCharsets.UTF_8);
        writeLogConfiguration(dir);
    }

    private static void writeLogConfiguration(Path dir) throws IOException {
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
