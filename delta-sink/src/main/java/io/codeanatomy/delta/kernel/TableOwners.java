package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.column.TableCodecs;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The owner paths of one repository a table holds rows for, and the commits their rows name, read
 * with only those columns projected (cheap next to reading whole rows). A new index learns from every
 * table, not only {@code files}, which paths to delete: rows nothing owns any more (a run killed
 * between two tables' commits) go too; a resumed watch learns which paths' rows came from a commit
 * the warehouse never made visible.
 */
public final class TableOwners {
    /** The column every CPG table has naming the commit its rows came from. */
    public static final String COMMIT = "commit";

    private TableOwners() {
    }

    public static Set<String> pathsOf(Engine engine, Snapshot snapshot, TableSpec spec, String repo) {
        return new TreeSet<>(read(engine, snapshot, spec, repo, false).keySet());
    }

    /**
     * The rows one owner path has in a table: the values of their {@code commit} column (one, unless a
     * checkpoint left the path half replaced; null stands for a row without a commit) and how many.
     */
    public record PathRows(Set<String> commits, long rows) {
    }

    /** For each owner path of {@code repo}, its rows' commits and count. */
    public static Map<String, PathRows> commitsOf(Engine engine, Snapshot snapshot, TableSpec spec, String repo) {
        Map<String, PathRows> out = new TreeMap<>();
        read(engine, snapshot, spec, repo, true).forEach((path, seen) -> out.put(path, new PathRows(seen.commits, seen.rows)));
        return out;
    }

    /**
     * The layout as the files hold it: for each data file of the snapshot, the owners (repo + '\u0000' +
     * path) it holds in file order, consecutive repeats collapsed; files listed by their first owner.
     * For tests, benchmarks and diagnosing a table's layout.
     */
    public static List<List<String>> ownersByFile(Engine engine, Snapshot snapshot, TableSpec spec) throws IOException {
        Scan scan = ownerScan(snapshot, spec);
        Row state = scan.getScanState(engine);
        List<List<String>> out = new ArrayList<>();
        for (ActiveFile f : ActiveFiles.list(engine, scan, spec)) {
            List<String> owners = new ArrayList<>();
            try (FileBatches batches = FileBatches.open(engine, state, f.scanFileRow)) {
                while (batches.hasNext()) {
                    ColumnarBatch data = batches.next().getData();
                    for (int r = 0; r < data.getSize(); r++) {
                        String owner = data.getColumnVector(0).getString(r) + '\u0000' + data.getColumnVector(1).getString(r);
                        if (owners.isEmpty() || !owners.get(owners.size() - 1).equals(owner)) {
                            owners.add(owner);
                        }
                    }
                }
            }
            out.add(owners);
        }
        out.sort(java.util.Comparator.comparing((List<String> o) -> o.isEmpty() ? "" : o.get(0), OwnerSet.UTF8));
        return out;
    }

    /** A scan of {@code snapshot} reading only the owner columns, for {@link #countIn}. */
    static Scan ownerScan(Snapshot snapshot, TableSpec spec) {
        return snapshot.getScanBuilder().withReadSchema(ownerSchema(spec, false)).build();
    }

    /**
     * What one data file holds by owner (owners, rows, the rows of its smallest owner), read with the
     * owner columns only (files are sorted by owner, so owners are counted where they change). Files
     * never change, so counts are remembered.
     */
    static OwnerCounts countIn(Engine engine, Row ownerScanState, ActiveFile file) {
        return COUNTS.computeIfAbsent(file.path(), p -> {
            int owners = 0;
            long rows = 0;
            long run = 0;
            long smallest = Long.MAX_VALUE;
            String repo = null;
            String path = null;
            try (FileBatches batches = FileBatches.open(engine, ownerScanState, file.scanFileRow)) {
                while (batches.hasNext()) {
                    FilteredColumnarBatch batch = batches.next();
                    ColumnarBatch data = batch.getData();
                    ColumnVector repos = data.getColumnVector(0);
                    ColumnVector paths = data.getColumnVector(1);
                    for (int r = 0; r < data.getSize(); r++) {
                        if (!repos.getString(r).equals(repo) || !paths.getString(r).equals(path)) {
                            if (owners > 0) {
                                smallest = Math.min(smallest, run);
                            }
                            owners++;
                            run = 0;
                            repo = repos.getString(r);
                            path = paths.getString(r);
                        }
                        run++;
                        rows++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot count the owners of " + p, e);
            }
            return new OwnerCounts(owners, rows, owners == 0 ? 0 : Math.min(smallest, run));
        });
    }

    /** Owner counts by data file path; bounded, since a long-lived committer sees files come and go. */
    private static final Map<String, OwnerCounts> COUNTS = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, OwnerCounts> eldest) {
                    return size() > 200_000;
                }
            });

    private static StructType ownerSchema(TableSpec spec, boolean withCommit) {
        StructType full = TableCodecs.of(spec).deltaSchema();
        StructType owners = new StructType().add(full.get(spec.columns().get(spec.repoIndex()).name()))
                .add(full.get(spec.columns().get(spec.pathIndex()).name()));
        return withCommit ? owners.add(full.get(COMMIT)) : owners;
    }

    /** What a scan has seen of one path so far. */
    private static final class Seen {
        final Set<String> commits = new HashSet<>(2);
        long rows;
    }

    private static Map<String, Seen> read(Engine engine, Snapshot snapshot, TableSpec spec, String repo,
                                          boolean withCommit) {
        try {
            return scan(engine, snapshot, spec, repo, withCommit);
        } catch (UnreadableTableException named) {
            throw named;
        } catch (RuntimeException e) {
            // A damaged log (a commit cut short) fails while the scan replays it: name table and file.
            if (!UnreadableTableException.isReadFailure(e)) {
                throw e;
            }
            throw UnreadableTableException.of(snapshot.getPath(), e);
        }
    }

    private static Map<String, Seen> scan(Engine engine, Snapshot snapshot, TableSpec spec, String repo,
                                          boolean withCommit) {
        Map<String, Seen> out = new TreeMap<>();
        Scan scan = snapshot.getScanBuilder().withReadSchema(ownerSchema(spec, withCommit)).build();
        Row scanState = scan.getScanState(engine);
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> rows = files.next().getRows()) {
                    while (rows.hasNext()) {
                        try (FileBatches batches = FileBatches.open(engine, scanState, rows.next())) {
                            while (batches.hasNext()) {
                                collect(batches.next(), repo, withCommit, out);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the owners of table " + spec.name(), e);
        }
        return out;
    }

    private static void collect(FilteredColumnarBatch batch, String repo, boolean withCommit, Map<String, Seen> out) {
        ColumnarBatch data = batch.getData();
        ColumnVector repos = data.getColumnVector(0);
        ColumnVector paths = data.getColumnVector(1);
        ColumnVector commits = withCommit ? data.getColumnVector(2) : null;
        Optional<ColumnVector> selection = batch.getSelectionVector();
        for (int r = 0; r < data.getSize(); r++) {
            if (selection.isPresent() && (selection.get().isNullAt(r) || !selection.get().getBoolean(r))) {
                continue;
            }
            if (repo.equals(repos.getString(r))) {
                Seen seen = out.computeIfAbsent(paths.getString(r), p -> new Seen());
                seen.rows++;
                if (commits != null) {
                    seen.commits.add(commits.isNullAt(r) ? null : commits.getString(r));
                }
            }
        }
    }
}
