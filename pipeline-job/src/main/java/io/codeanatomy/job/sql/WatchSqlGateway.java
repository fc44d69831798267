package io.codeanatomy.job.sql;

import io.codeanatomy.job.cli.DirectoryTree;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.gateway.SqlGateway;
import org.apache.flink.table.gateway.service.context.DefaultContext;
import org.apache.flink.table.gateway.service.session.SessionManager;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Flink SQL Gateway inside the watching JVM ({@code watch --sql-gateway PORT}), so the graph can be
 * queried while it follows commits: its REST endpoint on 127.0.0.1, every session with the catalog
 * {@code cpg} of the watched warehouse in its catalog store (a session makes it current with
 * {@code USE CATALOG cpg}; {@code codeanatomy sql --gateway} does so itself). Statements run in batch
 * mode on a MiniCluster of their own, beside the watch job.
 */
public final class WatchSqlGateway implements AutoCloseable {
    private final SqlGateway gateway;
    private final Path confDir;

    private WatchSqlGateway(SqlGateway gateway, Path confDir) {
        this.gateway = gateway;
        this.confDir = confDir;
    }

    public static WatchSqlGateway start(URI warehouse, int port) throws Exception {
        Path confDir = Files.createTempDirectory("codeanatomy-sql-gateway-");
        SqlClientConf.write(confDir, SqlCommand.CATALOG, warehouse);
        Configuration conf = new Configuration();
        conf.setString("sql-gateway.endpoint.type", "rest");
        conf.setString("sql-gateway.endpoint.rest.address", "127.0.0.1");
        conf.setString("sql-gateway.endpoint.rest.bind-address", "127.0.0.1");
        conf.setString("sql-gateway.endpoint.rest.port", Integer.toString(port));
        SqlClientConf.sessionDefaults(confDir).forEach(conf::setString);
        SqlGateway gateway = new SqlGateway(conf, SessionManager.create(new DefaultContext(conf, List.of())));
        try {
            gateway.start();
        } catch (Exception e) {
            gateway.stop();
            throw new IOException("--sql-gateway " + port + ": the SQL Gateway could not start (" + e.getMessage() + ")", e);
        }
        return new WatchSqlGateway(gateway, confDir);
    }

    @Override
    public void close() throws IOException {
        gateway.stop();
        DirectoryTree.delete(confDir);
    }
}
