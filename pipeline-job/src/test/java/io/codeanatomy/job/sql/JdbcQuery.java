package io.codeanatomy.job.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A JDBC client of a SQL Gateway, run in a JVM whose class path is Flink's JDBC driver bundle and this
 * class only (WatchSqlGatewayTest): {@code JdbcQuery jdbc:flink://HOST:PORT SQL} prints each row's
 * columns joined by '|'.
 */
public final class JdbcQuery {
    private JdbcQuery() {
    }

    public static void main(String[] args) throws Exception {
        Class.forName("org.apache.flink.table.jdbc.FlinkDriver"); // fails clearly when the bundle is not on the class path
        try (Connection connection = DriverManager.getConnection(args[0]); Statement statement = connection.createStatement()) {
            statement.execute("USE CATALOG cpg");
            try (ResultSet rows = statement.executeQuery(args[1])) {
                int width = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int c = 1; c <= width; c++) {
                        line.append(c > 1 ? "|" : "").append(rows.getObject(c)); // getString fails on non-string columns (driver 2.3.0)
                    }
                    System.out.println(line);
                }
            }
        }
    }
}
