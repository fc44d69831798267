package io.codeanatomy.delta.maintenance;

import io.codeanatomy.delta.kernel.HadoopConf;
import io.codeanatomy.delta.kernel.MaintenanceCommit;
import io.codeanatomy.delta.kernel.UndecidableRetentionException;

import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Deletes data files no table version within the retention needs (Delta Kernel has no VACUUM).
 * A file is deleted only if no version since the cutoff references it and it is older than the
 * cutoff, so time travel within the retention keeps working and files a running job staged but
 * has not committed yet (younger than the cutoff) survive.
 */
public final class Vacuum {
    private static final Logger LOG = LoggerFactory.getLogger(Vacuum.class);
    /** Below this a vacuum could delete files a running job staged for its next commit. */
    static final Duration MIN_SAFE_RETENTION = Duration.ofHours(1);

    private Vacuum() {
    }

    public static Duration checkRetention(Duration retention, boolean unsafeAllowed) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("--retain must not be negative");
        }
        if (!unsafeAllowed && retention.compareTo(MIN_SAFE_RETENTION) < 0) {
            throw new IllegalArgumentException("--retain " + retention.toHours() + " hours is below the safe minimum of "
                    + MIN_SAFE_RETENTION.toHours() + " hour: it could delete files a running job has staged but not "
                    + "committed yet (add --unsafe-retention if no job writes this warehouse)");
        }
        return retention;
    }

    /** Parquet files of a table, outside the log and hidden folders; entries vanishing meanwhile are skipped. */
    private static List<FileStatus> dataFiles(FileSystem fs, Path dir) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        FileStatus[] entries;
        try {
            entries = fs.listStatus(dir);
        } catch (FileNotFoundException gone) {
            return out;
        }
        for (FileStatus e : entries) {
            String name = e.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                continue; // _delta_log and hidden files are not data
            }
            if (e.isDirectory()) {
                out.addAll(dataFiles(fs, e.getPath()));
            } else if (name.endsWith(".parquet")) {
                out.add(e);
            }
        }
        return out;
    }

    public static MaintenanceReport run(Engine engine, String table, String tablePath, Duration retention) {
        long start = System.nanoTime();
        long cutoff = System.currentTimeMillis() - retention.toMillis();
        int deleted = 0;
        long bytes = 0;
        try {
            Set<String> keep = MaintenanceCommit.referencedSince(engine, tablePath, cutoff);
            Path root = new Path(URI.create(tablePath));
            try (FileSystem fs = FileSystem.newInstance(root.toUri(), HadoopConf.create())) {
                for (FileStatus f : dataFiles(fs, root)) {
                    String path = f.getPath().toUri().getPath();
                    if (keep.contains(path) || f.getModificationTime() >= cutoff) {
                        continue;
                    }
                    if (fs.delete(f.getPath(), false)) {
                        deleted++;
                        bytes += f.getLen();
                        fs.delete(new Path(f.getPath().getParent(), "." + f.getPath().getName() + ".crc"), false);
                    }
                }
            }
        } catch (TableNotFoundException beingCreated) {
            // no commit yet: nothing can be unreferenced
        } catch (UndecidableRetentionException unsure) {
            LOG.warn("vacuum of {} deleted nothing: {}", table, unsure.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("vacuum of " + tablePath + " failed", e);
        }
        MaintenanceReport report = new MaintenanceReport(table, "vacuum", deleted, bytes, 0, 0, -1,
                (System.nanoTime() - start) / 1_000_000);
        LOG.info("{}", report);
        return report;
    }
}
