package io.codeanatomy.job.sql;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import java.nio.file.Path;

/** A SQL session of the tests on the MiniCluster: the warehouse's catalog created and current, as a user would. */
final class CpgSqlSession {
    private CpgSqlSession() {
    }

    static StreamTableEnvironment batch(Path warehouse) {
        return open(StreamExecutionEnvironment.getExecutionEnvironment(), EnvironmentSettings.inBatchMode(), warehouse);
    }

    static StreamTableEnvironment streaming(Path warehouse) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        return open(env, EnvironmentSettings.inStreamingMode(), warehouse);
    }

    private static StreamTableEnvironment open(StreamExecutionEnvironment env, EnvironmentSettings settings, Path warehouse) {
        StreamTableEnvironment t = StreamTableEnvironment.create(env, settings);
        t.executeSql("CREATE CATALOG cpg WITH ('type'='codeanatomy', 'warehouse'='" + warehouse.toUri() + "')");
        t.executeSql("USE CATALOG cpg");
        return t;
    }
}
