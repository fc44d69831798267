package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.ParquetStager;
import io.codeanatomy.delta.kernel.RowOrder;
import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.engine.Engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows one writer holds for one table between two checkpoints, by primary key, with the
 * staged segments already written early to bound memory.
 *
 * <p>Invariant: at commit time the staged files hold exactly the final rows of every owner and key
 * the checkpoint touched. When an owner or key changes again after its rows were written early,
 * the affected segment is marked, and rewritten without them before the checkpoint is handed on.
 */
final class TableBuffer {
    /** Rows written early in one staging call, and what must be dropped from them. */
    private static final class Segment {
        final List<StagedFile> files;
        final Set<Owner> owners;
        final String minKey;
        final String maxKey;
        final Set<Owner> dropOwners = new HashSet<>();
        final Set<String> dropKeys = new HashSet<>();

        Segment(List<StagedFile> files, Set<Owner> owners, String minKey, String maxKey) {
            this.files = files;
            this.owners = owners;
            this.minKey = minKey;
            this.maxKey = maxKey;
        }
    }

    private final TableSpec spec;
    private final Comparator<Object[]> order;
    private final LinkedHashMap<String, Object[]> rows = new LinkedHashMap<>();
    private final Map<Owner, Set<String>> keysByOwner = new HashMap<>();
    private final List<Segment> segments = new ArrayList<>();
    private long bufferedBytes;

    TableBuffer(TableSpec spec) {
        this.spec = spec;
        this.order = RowOrder.of(spec);
    }

    long bufferedBytes() {
        return bufferedBytes;
    }

    int bufferedRows() {
        return rows.size();
    }

    /** Forgets every row of the owner, buffered or written early in this checkpoint. */
    void dropOwner(Owner owner) {
        Set<String> keys = keysByOwner.remove(owner);
        if (keys != null) {
            for (String key : keys) {
                Object[] old = rows.remove(key);
                bufferedBytes -= RowSize.estimate(old);
            }
        }
        for (Segment s : segments) {
            if (s.owners.contains(owner)) {
                s.dropOwners.add(owner);
            }
        }
    }

    /** Forgets the row with this key, buffered or written early in this checkpoint. */
    void dropKey(String key) {
        Object[] old = rows.remove(key);
        if (old != null) {
            bufferedBytes -= RowSize.estimate(old);
            Set<String> keys = keysByOwner.get(owner(old));
            if (keys != null) {
                keys.remove(key);
            }
        }
        for (Segment s : segments) {
            if (key.compareTo(s.minKey) >= 0 && key.compareTo(s.maxKey) <= 0) {
                s.dropKeys.add(key);
            }
        }
    }

    void put(Object[] row) {
        String key = spec.keyOf(row);
        dropKey(key);
        rows.put(key, row);
        keysByOwner.computeIfAbsent(owner(row), o -> new HashSet<>()).add(key);
        bufferedBytes += RowSize.estimate(row);
    }

    private Owner owner(Object[] row) {
        return new Owner((String) row[spec.repoIndex()], (String) row[spec.pathIndex()]);
    }

    /** Writes the buffered rows as a segment; returns the bytes written. */
    long stage(ParquetStager stager) throws IOException {
        if (rows.isEmpty()) {
            return 0;
        }
        List<Object[]> sorted = new ArrayList<>(rows.values());
        sorted.sort(order);
        List<StagedFile> files = stager.stage(sorted);
        String minKey = null;
        String maxKey = null;
        for (String key : rows.keySet()) {
            minKey = minKey == null || key.compareTo(minKey) < 0 ? key : minKey;
            maxKey = maxKey == null || key.compareTo(maxKey) > 0 ? key : maxKey;
        }
        segments.add(new Segment(files, new HashSet<>(keysByOwner.keySet()), minKey, maxKey));
        rows.clear();
        keysByOwner.clear();
        bufferedBytes = 0;
        return files.stream().mapToLong(StagedFile::size).sum();
    }

    /**
     * Stages what is buffered, rewrites segments holding rows that changed again, and hands over
     * the final files; the buffer is empty afterwards.
     */
    List<StagedFile> finish(Engine engine, ParquetStager stager) throws IOException {
        stage(stager);
        List<StagedFile> out = new ArrayList<>();
        for (Segment s : segments) {
            if (s.dropOwners.isEmpty() && s.dropKeys.isEmpty()) {
                out.addAll(s.files);
                continue;
            }
            List<Object[]> kept = new ArrayList<>();
            for (Object[] row : TableRows.readStaged(engine, spec, s.files)) {
                if (!s.dropOwners.contains(owner(row)) && !s.dropKeys.contains(spec.keyOf(row))) {
                    kept.add(row);
                }
            }
            if (!kept.isEmpty()) {
                out.addAll(stager.stage(kept));
            }
            for (StagedFile f : s.files) {
                engine.getFileSystemClient().delete(f.path()); // never committed: nobody can read it
            }
        }
        segments.clear();
        return out;
    }
}
