package io.codeanatomy.resolve;

import io.codeanatomy.align.FileVersionDone;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.resolve.python.ModuleSummary;
import io.codeanatomy.resolve.python.ModuleSummaryCodec;
import io.codeanatomy.resolve.python.PythonLinker;
import io.codeanatomy.schema.CpgSchema;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cross-file linker of one repository, in the keyed state of the operator that writes
 * {@code repo_heads} (keyed by repository): it keeps every file's link summary and, per file, the
 * {@code xrefs} rows it has written (edge id and digest). When a commit's files are all out, the
 * operator asks it to link: it links the whole repository from the summaries ({@link PythonLinker},
 * a pure function of them), compares each file's edges with what it wrote, and emits one upsert per
 * file whose edges changed (new or changed rows, and the edge ids that went), before the head row,
 * so the checkpoint that shows the commit holds its cross-file edges. The {@code xrefs} table is
 * maintained by key, so a file's new version does not wipe its edges: only these upserts change them.
 *
 * <p>Linking the whole repository at each commit keeps the result trivially equal to a full index;
 * what is written is exactly the difference. A run that did not restore this state (a new run over an
 * existing warehouse) first loads the summaries and the written edges from the warehouse
 * ({@link PriorLinks}), so it writes only what differs from what the tables hold.
 */
public final class CommitLinker implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CommitLinker.class);
    private static final int XREFS = CpgSchema.TABLES.position(CpgSchema.XREFS);

    private final PriorLinks prior;
    private final List<String> pythonRoots;

    private transient MapState<String, byte[]> summaries; // deflated (DeflatedText)
    private transient MapState<String, Long> versions;
    private transient MapState<String, String> commits;
    private transient MapState<String, byte[]> written; // deflated lines "edge_id digest"
    private transient ValueState<Boolean> loaded;
    private transient ValueState<Boolean> changed;
    private transient XrefRows rows;
    private transient Map<String, Decoded> decoded;
    private transient Map<String, Written> lastWritten;
    private transient Counter upserts;
    private transient Counter edgesWritten;
    private transient Counter edgesDeleted;
    private transient volatile long lastLinkMillis;

    public CommitLinker(PriorLinks prior, List<String> pythonRoots) {
        this.prior = prior;
        this.pythonRoots = List.copyOf(pythonRoots);
    }

    private record Decoded(Long version, ModuleSummary summary) {
    }

    /** The edges of a file this task last wrote (or found written), to skip comparing them again. */
    private record Written(List<PythonLinker.Link> links, String commit) {
    }

    public void open(RuntimeContext context) {
        summaries = context.getMapState(new MapStateDescriptor<>("link-summaries", Types.STRING,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        versions = context.getMapState(new MapStateDescriptor<>("link-summary-versions", Types.STRING, Types.LONG));
        commits = context.getMapState(new MapStateDescriptor<>("link-summary-commits", Types.STRING, Types.STRING));
        written = context.getMapState(new MapStateDescriptor<>("xrefs-written", Types.STRING,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        loaded = context.getState(new ValueStateDescriptor<>("links-loaded", Types.BOOLEAN));
        changed = context.getState(new ValueStateDescriptor<>("links-changed", Types.BOOLEAN));
        rows = new XrefRows();
        decoded = new HashMap<>();
        lastWritten = new HashMap<>();
        upserts = context.getMetricGroup().counter("linkUpserts");
        edgesWritten = context.getMetricGroup().counter("linkEdgesWritten");
        edgesDeleted = context.getMetricGroup().counter("linkEdgesDeleted");
        context.getMetricGroup().gauge("linkLastMillis", () -> lastLinkMillis);
    }

    /** Loads what the warehouse holds for {@code repo}, once per repository and state. */
    public void ensureLoaded(String repo) throws Exception {
        if (Boolean.TRUE.equals(loaded.value())) {
            return;
        }
        PriorLinks.Held held = prior.load(repo);
        for (Map.Entry<String, String> e : held.summaries().entrySet()) {
            summaries.put(e.getKey(), DeflatedText.deflate(e.getValue()));
            versions.put(e.getKey(), Long.MIN_VALUE);
            commits.put(e.getKey(), held.commits().getOrDefault(e.getKey(), ""));
        }
        for (Map.Entry<String, Map<String, String>> e : held.xrefs().entrySet()) {
            written.put(e.getKey(), DeflatedText.deflate(encode(new TreeMap<>(e.getValue()))));
        }
        loaded.update(true);
        changed.update(true);
        if (!held.summaries().isEmpty() || !held.xrefs().isEmpty()) {
            LOG.info("linker of {} loaded from the warehouse: {} file summaries, cross-file edges of {} files", repo,
                    held.summaries().size(), held.xrefs().size());
        }
    }

    /** A file version's rows are out: its summary replaces the one held (an older version is ignored). */
    public void fileDone(FileVersionDone done) throws Exception {
        if (done.path == null) {
            return;
        }
        Long held = versions.get(done.path);
        if (held != null && done.version < held) {
            return;
        }
        if (done.deleted || done.linkSummary == null) {
            boolean had = summaries.contains(done.path);
            summaries.remove(done.path);
            versions.remove(done.path);
            commits.remove(done.path);
            if (had) {
                changed.update(true);
            }
        } else {
            byte[] stored = summaries.get(done.path);
            String before = stored == null ? null : DeflatedText.inflate(stored);
            String commit = done.commit == null ? "" : done.commit;
            String commitBefore = commits.get(done.path);
            summaries.put(done.path, DeflatedText.deflate(done.linkSummary));
            versions.put(done.path, done.version);
            commits.put(done.path, commit);
            // Decoded now, while the other files are still being read, not all at once in the link
            // after the commit's last file (where the linker works alone).
            decoded.put(done.repo + '\u0000' + done.path,
                    new Decoded(done.version, ModuleSummaryCodec.decode(done.linkSummary)));
            if (!done.linkSummary.equals(before) || !commit.equals(commitBefore)) {
                changed.update(true);
            }
        }
    }

    /** Links the repository if any summary changed, and emits the difference to what was written. */
    public void link(String repo, Collector<OwnedRows> out) throws Exception {
        if (!Boolean.TRUE.equals(changed.value())) {
            return;
        }
        long start = System.nanoTime();
        SortedMap<String, ModuleSummary> files = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : summaries.entries()) {
            files.put(e.getKey(), decode(repo, e.getKey(), versions.get(e.getKey()), e.getValue()));
        }
        decoded.keySet().removeIf(k -> k.startsWith(repo + '\u0000') && !files.containsKey(k.substring(repo.length() + 1)));
        lastWritten.keySet().removeIf(k -> k.startsWith(repo + '\u0000') && !files.containsKey(k.substring(repo.length() + 1)));
        // Each file is linked just before its rows go out, in path order (as linkAll would), so the
        // sink's writer takes the first files' rows while the linker works on the rest.
        PythonLinker linker = new PythonLinker(files, pythonRoots);
        TreeSet<String> paths = new TreeSet<>(files.keySet());
        int linkedFiles = 0;
        int fileUpserts = 0;
        long edgesOut = 0;
        long edgesGone = 0;
        for (String p : written.keys()) {
            paths.add(p);
        }
        for (String path : paths) {
            String fileCommit = commits.get(path);
            String commit = fileCommit == null || fileCommit.isEmpty() ? null : fileCommit;
            List<PythonLinker.Link> fileLinks = files.containsKey(path) ? linker.linksInOrder(path) : List.of();
            if (!fileLinks.isEmpty()) {
                linkedFiles++;
            }
            String key = repo + '\u0000' + path;
            Written known = lastWritten.get(key);
            if (known != null && known.links.equals(fileLinks) && java.util.Objects.equals(known.commit, commit)) {
                continue; // the same edges this task wrote last: nothing to compare (the cache is gone after a restore)
            }
            TreeMap<String, Object[]> now = new TreeMap<>();
            for (PythonLinker.Link l : fileLinks) {
                Object[] row = rows.row(repo, path, l, commit);
                now.put(XrefRows.edgeId(row), row);
            }
            byte[] held = written.get(path);
            Map<String, String> before = decodeWritten(held == null ? null : DeflatedText.inflate(held));
            List<Object[]> upsert = new ArrayList<>();
            TreeMap<String, String> digests = new TreeMap<>();
            for (Map.Entry<String, Object[]> e : now.entrySet()) {
                String digest = XrefRows.digest(e.getValue());
                digests.put(e.getKey(), digest);
                if (!digest.equals(before.get(e.getKey()))) {
                    upsert.add(e.getValue());
                }
            }
            List<String> gone = new ArrayList<>();
            for (String id : new TreeSet<>(before.keySet())) {
                if (!now.containsKey(id)) {
                    gone.add(id);
                }
            }
            if (upsert.isEmpty() && gone.isEmpty()) {
                lastWritten.put(key, new Written(fileLinks, commit));
                continue;
            }
            List<List<Object[]>> tables = OwnedRows.emptyTables(CpgSchema.TABLES.size());
            tables.get(XREFS).addAll(upsert);
            List<List<String>> keys = OwnedRows.emptyKeys(CpgSchema.TABLES.size());
            keys.get(XREFS).addAll(gone);
            out.collect(OwnedRows.upsert(new Owner(repo, path), tables, keys));
            upserts.inc();
            edgesWritten.inc(upsert.size());
            edgesDeleted.inc(gone.size());
            fileUpserts++;
            edgesOut += upsert.size();
            edgesGone += gone.size();
            if (digests.isEmpty()) {
                written.remove(path);
            } else {
                written.put(path, DeflatedText.deflate(encode(digests)));
            }
            lastWritten.put(key, new Written(fileLinks, commit));
        }
        changed.update(false);
        long millis = (System.nanoTime() - start) / 1_000_000;
        lastLinkMillis = millis;
        LOG.info("linked {}: {} files, {} with cross-file edges, {} upserts ({} edges written, {} deleted) in {} ms",
                repo, files.size(), linkedFiles, fileUpserts, edgesOut, edgesGone, millis);
    }

    /** The decoded summary of a path, from this task's cache while the path's version is the one held. */
    private ModuleSummary decode(String repo, String path, Long version, byte[] deflated) {
        String key = repo + '\u0000' + path;
        Decoded d = decoded.get(key);
        if (d == null || !d.version.equals(version)) {
            d = new Decoded(version, ModuleSummaryCodec.decode(DeflatedText.inflate(deflated)));
            decoded.put(key, d);
        }
        return d.summary;
    }

    private static String encode(TreeMap<String, String> digests) {
        StringBuilder out = new StringBuilder();
        digests.forEach((id, digest) -> out.append(id).append(' ').append(digest).append('\n'));
        return out.toString();
    }

    private static Map<String, String> decodeWritten(String text) {
        Map<String, String> out = new HashMap<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                out.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return out;
    }
}
