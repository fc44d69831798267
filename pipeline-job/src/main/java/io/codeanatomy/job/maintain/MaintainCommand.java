package io.codeanatomy.job.maintain;

import io.codeanatomy.delta.kernel.EngineFactory;
import io.codeanatomy.delta.kernel.FileLayout;
import io.codeanatomy.delta.maintenance.MaintenancePolicy;
import io.codeanatomy.delta.maintenance.MaintenanceReport;
import io.codeanatomy.delta.maintenance.Vacuum;
import io.codeanatomy.delta.maintenance.WarehouseMaintenance;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.delta.sink.CommitLog;
import io.codeanatomy.job.cli.FlinkConfOption;
import io.codeanatomy.job.cli.OptionSpec;
import io.codeanatomy.job.cli.ParsedOptions;
import io.codeanatomy.job.cli.Sizes;
import io.codeanatomy.job.cli.UsageException;
import io.codeanatomy.job.cli.WarehouseOption;
import io.codeanatomy.schema.CpgSchema;

import io.delta.kernel.engine.Engine;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** `codeanatomy maintain`: compaction and vacuum of every table of a warehouse, safe while a job writes. */
public final class MaintainCommand {
    public static final String NAME = "maintain";
    static final List<OptionSpec> OPTIONS = OptionSpec.concat(List.of(
            OptionSpec.value("warehouse", "URI", "the warehouse to maintain: a directory or a file system URI (required)"),
            OptionSpec.flag("compact", "merge data files back into owner order, at most N owners a file (no data change)"),
            OptionSpec.flag("vacuum", "delete data files no version within the retention needs"),
            OptionSpec.value("retain", "HOURS", "vacuum retention in hours (default 168, Delta's 7 days; at least 1)"),
            OptionSpec.flag("unsafe-retention", "allow --retain below 1 hour (only when no job writes the warehouse)"),
            OptionSpec.value("owners-per-file", "N", "compaction writes files of at most N source files' rows (default 8)"),
            OptionSpec.value("spare-minutes", "M", "compaction leaves alone a file of one source file written in the last M minutes"
                    + " (default 10: a live watch's fresh replacements)")),
            // For an object-store warehouse: the s3.* keys of its config.yaml (HadoopConf).
            FlinkConfOption.SPECS, List.of(OptionSpec.flag("help", "show this help")));

    private MaintainCommand() {
    }

    public static String usage() {
        return ParsedOptions.usage("codeanatomy maintain --warehouse URI [--compact] [--vacuum [--retain HOURS]]",
                "Compacts data files back into owner order (at most N source files each) and vacuums unreferenced files\n"
                        + "of every table of a warehouse. Both are safe while\n"
                        + "an index or watch job writes it: compaction yields to the job's commits, and vacuum keeps every\n"
                        + "file younger than the retention.",
                OPTIONS);
    }

    public static int run(String[] args, PrintStream out) {
        ParsedOptions options = ParsedOptions.parse(NAME, OPTIONS, args);
        if (options.has("help")) {
            out.print(usage());
            return 0;
        }
        FlinkConfOption.load(options);
        URI warehouse = WarehouseOption.existing(options, NAME);
        if (!options.has("compact") && !options.has("vacuum")) {
            throw new UsageException(NAME + ": nothing to do; give --compact, --vacuum or both");
        }
        if (options.has("retain") && !options.has("vacuum")) {
            throw new UsageException("--retain only applies with --vacuum");
        }
        long hours = options.convert("retain", 168L, v -> {
            long h = Long.parseLong(v);
            if (h < 0) {
                throw new IllegalArgumentException("must not be negative");
            }
            return h;
        });
        Duration retention;
        try {
            retention = Vacuum.checkRetention(Duration.ofHours(hours), options.has("unsafe-retention"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        int ownersPerFile = options.convert("owners-per-file", FileLayout.DEFAULT.maxOwnersPerFile(), v -> {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new IllegalArgumentException("must be at least 1");
            }
            return n;
        });
        Duration spared = options.convert("spare-minutes", MaintenancePolicy.DEFAULT_HOT_AGE, v -> {
            long m = Long.parseLong(v);
            if (m < 0) {
                throw new IllegalArgumentException("must not be negative");
            }
            return Duration.ofMinutes(m);
        });
        FileLayout layout = FileLayout.DEFAULT.withMaxOwnersPerFile(ownersPerFile);

        Engine engine = EngineFactory.create();
        List<TableSpec> tables = CommitLog.withCommitsTable(engine, warehouse.toString(), CpgSchema.TABLES);
        List<MaintenanceReport> reports = new ArrayList<>();
        if (options.has("compact")) {
            reports.addAll(WarehouseMaintenance.compact(engine, warehouse.toString(), tables, layout, spared));
        }
        if (options.has("vacuum")) {
            reports.addAll(WarehouseMaintenance.vacuum(engine, warehouse.toString(), tables, retention));
        }
        reports.forEach(out::println);
        return 0;
    }
}
