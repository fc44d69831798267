package io.codeanatomy.job;

import io.codeanatomy.delta.kernel.CommitFiles;
import io.codeanatomy.delta.kernel.TablePaths;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * At most once, read from the Delta logs themselves rather than from the final rows (an owner
 * replace is idempotent, so equal rows cannot tell a replay that was skipped from one that was
 * committed again). For every table of a warehouse, every JSON commit is read and checked:
 * <ul>
 *   <li>each transaction id (txn appId, version) appears in at most one commit;</li>
 *   <li>each data file is added with {@code dataChange} at most once: a replay carries the very
 *       files its checkpoint staged, so committing it again adds the same paths again;</li>
 *   <li>every commit of the sink that changes data carries a transaction id (without one, Delta
 *       cannot recognise a replay).</li>
 * </ul>
 */
final class DeltaLogAudit {
    /** Everything found that breaks at-most-once; empty when the logs are clean. */
    final List<String> violations = new ArrayList<>();
    /** Commits carrying a transaction id, over all tables. */
    int transactions;
    /** Per table, the versions carrying a transaction id: the job's commits (maintenance carries none). */
    final Map<String, TreeSet<Long>> transactionVersions = new HashMap<>();

    private DeltaLogAudit() {
    }

    static DeltaLogAudit of(Path warehouse) throws IOException {
        DeltaLogAudit audit = new DeltaLogAudit();
        try (Stream<Path> tables = Files.list(warehouse)) {
            for (Path table : tables.filter(t -> Files.isDirectory(t.resolve("_delta_log"))).sorted().toList()) {
                audit.table(table.getFileName().toString(), TablePaths.tablePath(warehouse.toString(),
                        table.getFileName().toString()), versions(table.resolve("_delta_log")));
            }
        }
        return audit;
    }

    private static TreeSet<Long> versions(Path log) throws IOException {
        TreeSet<Long> versions = new TreeSet<>();
        try (Stream<Path> files = Files.list(log)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d{20}\\.json"))
                    .forEach(n -> versions.add(Long.parseLong(n.substring(0, 20))));
        }
        return versions;
    }

    private void table(String name, String tablePath, TreeSet<Long> versions) throws IOException {
        Map<String, Long> txnAt = new HashMap<>();
        Map<String, Long> addedAt = new HashMap<>();
        for (long v : versions) {
            String txn = null;
            String engineInfo = "";
            boolean changesData = false;
            List<String> added = new ArrayList<>();
            for (JsonNode action : CommitFiles.actions(tablePath, v)) {
                if (action.has("txn")) {
                    txn = action.get("txn").path("appId").asText() + "@" + action.get("txn").path("version").asLong();
                } else if (action.has("commitInfo")) {
                    engineInfo = action.get("commitInfo").path("engineInfo").asText("");
                } else if (action.has("add") && action.get("add").path("dataChange").asBoolean(true)) {
                    added.add(action.get("add").path("path").asText());
                    changesData = true;
                } else if (action.has("remove") && action.get("remove").path("dataChange").asBoolean(true)) {
                    changesData = true;
                }
            }
            if (txn != null) {
                transactions++;
                transactionVersions.computeIfAbsent(name, k -> new TreeSet<>()).add(v);
                Long before = txnAt.put(txn, v);
                if (before != null) {
                    violations.add(name + ": transaction " + txn + " committed at versions " + before + " and " + v);
                }
            } else if (changesData && engineInfo.contains("codeanatomy-delta-sink")) {
                violations.add(name + ": version " + v + " changes data without a transaction id");
            }
            for (String path : added) {
                Long before = addedAt.put(path, v);
                if (before != null) {
                    violations.add(name + ": data file " + path + " added at versions " + before + " and " + v);
                }
            }
        }
    }
}
