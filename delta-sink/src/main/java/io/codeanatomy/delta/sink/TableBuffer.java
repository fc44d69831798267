package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.ParquetStager;
import io.codeanatomy.delta.kernel.RowOrder;
import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.kernel.arrow.ArrowRows;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.engine.Engine;

import org.apache.arrow.memory.BufferAllocator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows one writer holds for one table between two checkpoints: Arrow vectors with indexes by
 * primary key and owner, plus the segments already written early to bound memory.
 *
 * <p>Invariant: at commit time the staged files hold exactly the final rows of every owner and key
 * the checkpoint touched. When an owner or key changes again after its rows were written early,
 * the affected segment is marked, and rewritten without them before the checkpoint is handed on.
 */
final class TableBuffer implements AutoCloseable {
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
    private final ArrowRows arrow;
    private final Map<String, Integer> indexByKey = new HashMap<>();
    private final Map<Owner, List<Integer>> indexesByOwner = new HashMap<>();
    private final List<String> keyAt = new ArrayList<>();
    private final List<Owner> ownerAt = new ArrayList<>();
    private final BitSet dropped = new BitSet();
    private final List<Segment> segments = new ArrayList<>();
    private int live;
    private Owner lastOwner;

    TableBuffer(TableSpec spec, BufferAllocator allocator) {
        this.spec = spec;
        this.arrow = new ArrowRows(spec, allocator);
    }

    /** Off-heap bytes the buffered rows take. */
    long bufferedBytes() {
        return arrow.allocatedBytes();
    }

    int bufferedRows() {
        return live;
    }

    /** Forgets every row of the owner, buffered or written early in this checkpoint. */
    void dropOwner(Owner owner) {
        List<Integer> indexes = indexesByOwner.remove(owner);
        if (indexes != null) {
            for (int i : indexes) {
                if (!dropped.get(i)) {
                    dropped.set(i);
                    indexByKey.remove(keyAt.get(i));
                    live--;
                }
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
        Integer i = indexByKey.remove(key);
        if (i != null && !dropped.get(i)) {
            dropped.set(i);
            live--;
        }
        dropFromSegments(key);
    }

    private void dropFromSegments(String key) {
        for (Segment s : segments) {
            if (key.compareTo(s.minKey) >= 0 && key.compareTo(s.maxKey) <= 0) {
                s.dropKeys.add(key);
            }
        }
    }

    /**
     * Buffers a row. An upserted row may replace one written early, so segments are checked; a
     * row of a replaced owner cannot (the owner's old rows were dropped), so only the buffer is.
     */
    void put(Object[] row, boolean upsert) {
        String key = spec.keyOf(row);
        int i = arrow.append(row);
        // One hash operation a row (a map of every buffered key is the writer's largest): the new row
        // takes the key over from a buffered row that had it.
        Integer old = indexByKey.put(key, i);
        if (old != null && !dropped.get(old)) {
            dropped.set(old);
            live--;
        }
        if (upsert) {
            dropFromSegments(key);
        }
        Owner owner = owner(row);
        keyAt.add(key);
        ownerAt.add(owner);
        indexesByOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(i);
        live++;
    }

    private Owner owner(Object[] row) {
        String repo = (String) row[spec.repoIndex()];
        String path = (String) row[spec.pathIndex()];
        if (lastOwner == null || !lastOwner.path().equals(path) || !lastOwner.repo().equals(repo)) {
            lastOwner = new Owner(repo, path); // rows arrive owner by owner: share one instance
        }
        return lastOwner;
    }

    /**
     * Writes the buffered rows, sorted by owner then key, as a segment. Owners are sorted once and
     * each owner's rows by key: far fewer string comparisons than sorting all rows by owner and key.
     */
    void stage(ParquetStager stager) throws IOException {
        if (live == 0) {
            reset();
            return;
        }
        List<Owner> owners = new ArrayList<>(indexesByOwner.keySet());
        owners.sort(RowOrder.owner(Owner::repo, Owner::path));
        int[] rows = new int[live];
        int n = 0;
        Set<Owner> written = new HashSet<>();
        String minKey = null;
        String maxKey = null;
        java.util.Comparator<Integer> byKey = java.util.Comparator.comparing(keyAt::get);
        for (Owner owner : owners) {
            List<Integer> liveRows = new ArrayList<>();
            for (int i : indexesByOwner.get(owner)) {
                if (!dropped.get(i)) {
                    liveRows.add(i);
                }
            }
            if (liveRows.isEmpty()) {
                continue;
            }
            liveRows.sort(byKey);
            written.add(owner);
            for (int i : liveRows) {
                rows[n++] = i;
                String key = keyAt.get(i);
                minKey = minKey == null || key.compareTo(minKey) < 0 ? key : minKey;
                maxKey = maxKey == null || key.compareTo(maxKey) > 0 ? key : maxKey;
            }
        }
        if (n != live) {
            throw new IllegalStateException("table " + spec.name() + ": " + live + " live rows but " + n + " under their owners");
        }
        List<StagedFile> files = stager.stage(arrow.batch(rows));
        segments.add(new Segment(files, written, minKey, maxKey));
        reset();
    }

    private void reset() {
        arrow.clear();
        indexByKey.clear();
        indexesByOwner.clear();
        keyAt.clear();
        ownerAt.clear();
        dropped.clear();
        live = 0;
    }

    @Override
    public void close() {
        arrow.close();
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
