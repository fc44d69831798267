package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.KeySort;
import io.codeanatomy.delta.kernel.ParquetStager;
import io.codeanatomy.delta.kernel.RowKeys;
import io.codeanatomy.delta.kernel.RowOrder;
import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.kernel.TableRows;
import io.codeanatomy.delta.kernel.arrow.ArrowRows;
import io.codeanatomy.delta.record.EncodedRows;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.engine.Engine;

import org.apache.arrow.memory.BufferAllocator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** The rows of one owner in the buffer, as runs of consecutive indexes (rows come owner by owner). */
    private static final class OwnerRows {
        final Owner owner;
        /** Pairs of [first, last + 1). */
        int[] runs = new int[2];
        int length;

        OwnerRows(Owner owner) {
            this.owner = owner;
        }

        void add(int row) {
            if (length > 0 && runs[length - 1] == row) {
                runs[length - 1] = row + 1;
                return;
            }
            if (length == runs.length) {
                runs = Arrays.copyOf(runs, length * 2);
            }
            runs[length++] = row;
            runs[length++] = row + 1;
        }
    }

    private final TableSpec spec;
    private final ArrowRows arrow;
    private final KeySort keySort = new KeySort();
    /** The key of every row appended, by index. */
    private final RowKeys keys = new RowKeys();
    private final Map<Owner, OwnerRows> rowsByOwner = new HashMap<>();
    /**
     * Every live row's index by key, built only once a key is dropped or upserted: the rows of owned
     * tables otherwise come and go by owner, and a key repeated within an owner (never expected: ids
     * hash their file) is caught when the owner's rows are sorted ({@link #stage}). A map of every
     * buffered key was the writer's largest structure.
     */
    private Map<String, Integer> indexByKey;
    private final BitSet dropped = new BitSet();
    private final List<Segment> segments = new ArrayList<>();
    private int live;
    private OwnerRows last;
    private int[] scratch = new int[1024];
    /** The columns a row received encoded is decoded in: its key and its owner. */
    private final boolean[] decoded;
    /** Their values for the row being appended (and the row before, which repeats may refer to). */
    private final Object[] objects;

    TableBuffer(TableSpec spec, BufferAllocator allocator) {
        this.spec = spec;
        this.arrow = new ArrowRows(spec, allocator);
        this.decoded = new boolean[spec.columns().size()];
        this.objects = new Object[decoded.length];
        for (int c : spec.primaryKeyIndexes()) {
            decoded[c] = true;
        }
        decoded[spec.repoIndex()] = true;
        decoded[spec.pathIndex()] = true;
    }

    /** Off-heap bytes the buffered rows take (not the vectors' capacity, kept from earlier rows). */
    long bufferedBytes() {
        return arrow.usedBytes();
    }

    int bufferedRows() {
        return live;
    }

    /** Forgets every row of the owner, buffered or written early in this checkpoint. */
    void dropOwner(Owner owner) {
        OwnerRows rows = rowsByOwner.remove(owner);
        if (last == rows) {
            last = null;
        }
        if (rows != null) {
            for (int r = 0; r < rows.length; r += 2) {
                for (int i = rows.runs[r]; i < rows.runs[r + 1]; i++) {
                    drop(i);
                }
            }
        }
        for (Segment s : segments) {
            if (s.owners.contains(owner)) {
                s.dropOwners.add(owner);
            }
        }
    }

    private void drop(int i) {
        if (!dropped.get(i)) {
            dropped.set(i);
            if (indexByKey != null) {
                indexByKey.remove(keys.string(i));
            }
            live--;
        }
    }

    /** Forgets the row with this key, buffered or written early in this checkpoint. */
    void dropKey(String key) {
        Integer i = byKey().get(key);
        if (i != null) {
            drop(i);
        }
        dropFromSegments(key);
    }

    private Map<String, Integer> byKey() {
        if (indexByKey == null) {
            indexByKey = new HashMap<>();
            for (int i = 0; i < arrow.size(); i++) {
                if (!dropped.get(i)) {
                    take(keys.string(i), i);
                }
            }
        }
        return indexByKey;
    }

    /** The row at {@code i} takes its key over from a buffered row that had it. */
    private void take(String key, int i) {
        Integer old = indexByKey.put(key, i);
        if (old != null && !dropped.get(old)) {
            dropped.set(old);
            live--;
        }
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
        if (upsert) {
            byKey();
        }
        int i = arrow.append(row);
        added(i, row, keys.append(key));
        if (upsert) {
            dropFromSegments(key);
        }
    }

    /**
     * Buffers the rows of a record as received, replacing nothing but a repeated key: values go from
     * the record's bytes into Arrow, and only the key and owner columns become Java objects.
     */
    void put(EncodedRows rows) throws IOException {
        Arrays.fill(objects, null);
        EncodedRows.Cursor cursor = rows.cursor();
        while (cursor.nextRow()) {
            int i = arrow.append(cursor, objects, decoded);
            added(i, objects, keys.append(spec, objects));
        }
    }

    /**
     * Indexes the row just appended at {@code i}, whose key and owner columns {@code row} holds and
     * whose key was appended at {@code keyIndex}.
     */
    private void added(int i, Object[] row, int keyIndex) {
        if (keyIndex != i) {
            throw new IllegalStateException("table " + spec.name() + ": row " + i + " has key " + keyIndex);
        }
        live++;
        if (indexByKey != null) {
            take(keys.string(i), i);
        }
        rowsOf(row).add(i);
    }

    private OwnerRows rowsOf(Object[] row) {
        String repo = (String) row[spec.repoIndex()];
        String path = (String) row[spec.pathIndex()];
        if (last == null || !last.owner.path().equals(path) || !last.owner.repo().equals(repo)) {
            last = rowsByOwner.computeIfAbsent(new Owner(repo, path), OwnerRows::new);
        }
        return last;
    }

    private Owner owner(Object[] row) {
        return new Owner((String) row[spec.repoIndex()], (String) row[spec.pathIndex()]);
    }

    /**
     * Writes the buffered rows, sorted by owner then key, as a segment. Owners are sorted once and
     * each owner's rows by key ({@link KeySort}). Of rows with one key, the last appended stays.
     */
    void stage(ParquetStager stager) throws IOException {
        if (live == 0) {
            reset();
            return;
        }
        List<OwnerRows> owners = new ArrayList<>(rowsByOwner.values());
        owners.sort(RowOrder.owner(o -> o.owner.repo(), o -> o.owner.path()));
        int[] rows = new int[live];
        int n = 0;
        Set<Owner> written = new HashSet<>();
        String minKey = null;
        String maxKey = null;
        for (OwnerRows owner : owners) {
            int count = liveRows(owner);
            if (count == 0) {
                continue;
            }
            keySort.sort(scratch, count, keys);
            int first = n;
            for (int j = 0; j < count; j++) {
                int i = scratch[j];
                if (n > first && keys.equal(rows[n - 1], i)) {
                    dropped.set(rows[n - 1]); // the earlier row of a repeated key: sorted just before
                    live--;
                    n--;
                }
                rows[n++] = i;
            }
            written.add(owner.owner);
            String low = keys.string(rows[first]);
            String high = keys.string(rows[n - 1]);
            minKey = minKey == null || low.compareTo(minKey) < 0 ? low : minKey;
            maxKey = maxKey == null || high.compareTo(maxKey) > 0 ? high : maxKey;
        }
        if (n != live) {
            throw new IllegalStateException("table " + spec.name() + ": " + live + " live rows but " + n + " under their owners");
        }
        List<StagedFile> files = stager.stage(arrow.batch(n == rows.length ? rows : Arrays.copyOf(rows, n)));
        segments.add(new Segment(files, written, minKey, maxKey));
        reset();
    }

    /** The owner's live rows into {@link #scratch}, in increasing index; returns how many. */
    private int liveRows(OwnerRows owner) {
        int count = 0;
        for (int r = 0; r < owner.length; r += 2) {
            for (int i = owner.runs[r]; i < owner.runs[r + 1]; i++) {
                if (!dropped.get(i)) {
                    if (count == scratch.length) {
                        scratch = Arrays.copyOf(scratch, count * 2);
                    }
                    scratch[count++] = i;
                }
            }
        }
        return count;
    }

    private void reset() {
        keys.clear();
        arrow.clear();
        indexByKey = null;
        rowsByOwner.clear();
        last = null;
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
        arrow.release(); // kept between the rolls of a checkpoint, not across checkpoints (an idle watch)
        keys.release();
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
