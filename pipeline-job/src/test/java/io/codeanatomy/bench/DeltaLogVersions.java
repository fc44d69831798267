package io.codeanatomy.bench;

import io.codeanatomy.delta.kernel.CommitFiles;
import io.codeanatomy.delta.kernel.TablePaths;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The commits of a table's Delta log, summarised for latency attribution: when, by which checkpoint, how many bytes. */
final class DeltaLogVersions {
    private static final Pattern COMMIT_FILE = Pattern.compile("(\\d{20})\\.json");

    /**
     * One commit of a table.
     *
     * @param txn "appId/checkpoint" of a sink commit; null for a commit without txn (compaction, table creation)
     * @param ownAdded bytes of the added files that hold only {@code path}'s rows (its new rows, in a
     *                 one-file change); the rest of {@code added} is files rewritten around it
     */
    record LogVersion(long timestamp, String txn, long added, long removed, long ownAdded) {
    }

    private DeltaLogVersions() {
    }

    /** The versions of a table's Delta log written at or after {@code since} (by file time, then read). */
    static List<LogVersion> since(Path warehouse, String table, long since, String path) throws IOException {
        String tablePath = TablePaths.tablePath(warehouse.toString(), table);
        List<LogVersion> out = new ArrayList<>();
        try (Stream<Path> logs = Files.list(warehouse.resolve(table).resolve("_delta_log"))) {
            for (Path log : (Iterable<Path>) logs::iterator) {
                Matcher m = COMMIT_FILE.matcher(log.getFileName().toString());
                if (m.matches() && Files.getLastModifiedTime(log).toMillis() >= since - 1000) {
                    out.add(summarise(CommitFiles.actions(tablePath, Long.parseLong(m.group(1))), path));
                }
            }
        }
        return out;
    }

    private static LogVersion summarise(List<JsonNode> actions, String path) {
        long timestamp = 0;
        String txn = null;
        long added = 0;
        long removed = 0;
        long ownAdded = 0;
        for (JsonNode n : actions) {
            if (n.has("commitInfo")) {
                timestamp = n.get("commitInfo").path("timestamp").asLong();
            } else if (n.has("txn")) {
                txn = n.get("txn").path("appId").asText() + "/" + n.get("txn").path("version").asLong();
            } else if (n.has("add")) {
                added += n.get("add").path("size").asLong();
                if (holdsOnly(n.get("add").path("stats").asText(), path)) {
                    ownAdded += n.get("add").path("size").asLong();
                }
            } else if (n.has("remove")) {
                removed += n.get("remove").path("size").asLong();
            }
        }
        return new LogVersion(timestamp, txn, added, removed, ownAdded);
    }

    /** Whether a file's statistics say it holds rows of {@code path} only. */
    private static boolean holdsOnly(String statsJson, String path) {
        try {
            JsonNode stats = JSON.readTree(statsJson);
            return path.equals(stats.path("minValues").path("path").asText(null))
                    && path.equals(stats.path("maxValues").path("path").asText(null));
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
}
