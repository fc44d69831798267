package io.codeanatomy.sql.source;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The options of a CPG table read (set by the catalog; {@code version} also as a hint by the user). */
public final class ReadOptions {
    private ReadOptions() {
    }

    public static final ConfigOption<String> WAREHOUSE = ConfigOptions.key("warehouse").stringType().noDefaultValue()
            .withDescription("the warehouse: a directory or a file system URI");
    public static final ConfigOption<String> TABLE = ConfigOptions.key("table").stringType().noDefaultValue()
            .withDescription("the CPG table's name (cpg_nodes, xrefs, commits, ...)");
    public static final ConfigOption<Long> VERSION = ConfigOptions.key("version").longType().noDefaultValue()
            .withDescription("read the table at this Delta version (a hint: /*+ OPTIONS('version'='N') */); inconsistent with the other tables by choice");
    public static final ConfigOption<Long> PINNED_VERSION = ConfigOptions.key("pinned-version").longType().noDefaultValue()
            .withDescription("set by the catalog: the version of the checkpoint the statement reads");
    public static final ConfigOption<String> SYSTEM = ConfigOptions.key("system").stringType().noDefaultValue()
            .withDescription("set by the catalog: the system table (CHECKPOINTS, HISTORY, FILES) this table is");
    public static final ConfigOption<Boolean> SCAN_BOUNDED = ConfigOptions.key("scan.bounded").booleanType().defaultValue(false)
            .withDescription("in streaming mode, read the pinned snapshot only instead of following the table's changes");
    public static final ConfigOption<java.time.Duration> POLL_INTERVAL = ConfigOptions.key("poll-interval").durationType()
            .defaultValue(java.time.Duration.ofSeconds(1))
            .withDescription("in streaming mode, how often the changelog looks for newly committed checkpoints");
}
