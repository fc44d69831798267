package io.codeanatomy.align;

import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.evidence.FileEvidence;
import io.codeanatomy.cpg.CpgAccumulators;
import io.codeanatomy.cpg.RepoHeadRows;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.evidence.EvidenceFormat;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.extract.LegacyCstEvidence;
import io.codeanatomy.lang.LanguageFrontends;
import io.codeanatomy.schema.CpgSchema;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The keyed align operator. Keyed by file (repo, path), it holds the evidence of one file version in
 * state until its HEADER and every layer its language frontend expects for it have arrived (a layer
 * sends a record for every file it is given, even if only to say it could not run), then fuses them
 * and clears the state. A version whose layers do not all arrive within the timeout is fused with
 * what did arrive, the missing layers named. A newer version of the file evicts an older one still
 * waiting; evidence of a version older than one already held or emitted is dropped. So state holds at
 * most one version per existing file plus its last emitted version number (a delete clears both), and
 * everything is checkpointed: a restore resumes waiting where it stopped.
 */
public final class FileVersionAlignFunction extends KeyedProcessFunction<String, FileEvidence, OwnedRows> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FileVersionAlignFunction.class);
    /** Side output: one record per file version whose rows went out, for the commit markers to count. */
    public static final OutputTag<FileVersionDone> DONE = new OutputTag<>("file-version-done") { };

    private final LanguageFrontends frontends;
    private final Set<EvidenceLayer> running;
    private final long timeoutMillis;

    private transient ValueState<PendingVersion> pending;
    private transient ValueState<Long> emitted;
    private transient Counter fused;
    private transient Counter timedOut;
    private transient Counter evicted;
    private transient Counter stale;
    private transient LongCounter nodes;
    private transient LongCounter edges;
    private transient LongCounter errors;

    /** @param running the evidence layers the job runs (HEADER is implied) */
    public FileVersionAlignFunction(LanguageFrontends frontends, Set<EvidenceLayer> running, Duration timeout) {
        this.frontends = frontends;
        this.running = EnumSet.copyOf(running);
        this.running.add(EvidenceLayer.HEADER);
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-version",
                (PojoTypeInfo<PendingVersion>) TypeExtractor.createTypeInfo(PendingVersion.class)));
        emitted = getRuntimeContext().getState(new ValueStateDescriptor<>("emitted-version", Types.LONG));
        fused = getRuntimeContext().getMetricGroup().counter("alignFusedVersions");
        timedOut = getRuntimeContext().getMetricGroup().counter("alignTimedOutVersions");
        evicted = getRuntimeContext().getMetricGroup().counter("alignEvictedVersions");
        stale = getRuntimeContext().getMetricGroup().counter("alignStaleEvidence");
        nodes = getRuntimeContext().getLongCounter(CpgAccumulators.NODES);
        edges = getRuntimeContext().getLongCounter(CpgAccumulators.EDGES);
        errors = getRuntimeContext().getLongCounter(CpgAccumulators.ERRORS);
    }

    @Override
    public void processElement(FileEvidence evidence, Context ctx, Collector<OwnedRows> out) throws Exception {
        Long done = emitted.value();
        if (done != null && evidence.version <= done) {
            stale.inc(); // a late layer of a version already fused (after a timeout) or superseded
            return;
        }
        PendingVersion current = load(out);
        if (current != null && evidence.version < current.version) {
            stale.inc();
            return;
        }
        if (current != null && evidence.version > current.version) {
            LOG.debug("version {} of {} evicts version {} still waiting", evidence.version, evidence.path, current.version);
            ctx.timerService().deleteProcessingTimeTimer(current.deadline);
            evicted.inc();
            current = null;
        }
        if (current == null) {
            current = new PendingVersion(evidence.blobId, evidence.version,
                    ctx.timerService().currentProcessingTime() + timeoutMillis);
            ctx.timerService().registerProcessingTimeTimer(current.deadline);
        }
        current.put(evidence.layer, evidence.payload);
        if (!upgrade(current, out)) {
            return;
        }
        FileHeader header = current.has(EvidenceLayer.HEADER) ? FileHeader.decode(current.header) : null;
        if (header != null && missing(current, header).isEmpty()) {
            ctx.timerService().deleteProcessingTimeTimer(current.deadline);
            emit(current, header, EnumSet.noneOf(EvidenceLayer.class), ctx, out);
        } else {
            pending.update(current);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OwnedRows> out) throws Exception {
        PendingVersion current = load(out);
        if (current == null || current.deadline != timestamp) {
            return; // fused or evicted before the deadline
        }
        String key = ctx.getCurrentKey().replace('\u0000', ':');
        FileHeader header = current.has(EvidenceLayer.HEADER) ? FileHeader.decode(current.header) : null;
        Set<EvidenceLayer> missing = header == null ? EnumSet.of(EvidenceLayer.HEADER) : missing(current, header);
        if (missing.contains(EvidenceLayer.HEADER)) {
            // Without the file's header there is no file to write rows for; its previous rows stay.
            LOG.warn("{} version {}: its header did not arrive within {} ms; nothing emitted", key, current.version,
                    timeoutMillis);
            pending.clear();
            timedOut.inc();
            return;
        }
        LOG.warn("{}:{} version {}: layers {} did not arrive within {} ms; fusing without them", header.repo, header.path,
                current.version, missing, timeoutMillis);
        timedOut.inc();
        emit(current, header, missing, ctx, out);
    }

    /** The expected layers of a version that have not arrived. */
    private Set<EvidenceLayer> missing(PendingVersion version, FileHeader header) {
        Set<EvidenceLayer> missing = EnumSet.noneOf(EvidenceLayer.class);
        for (EvidenceLayer layer : frontends.layers(header, running)) {
            if (!version.has(layer)) {
                missing.add(layer);
            }
        }
        return missing;
    }

    /** The file's link summary, from its {@code files} row (none for a delete). */
    private static String linkSummary(OwnedRows rows) {
        java.util.List<Object[]> files = rows.rows(CpgSchema.TABLES.position(CpgSchema.FILES));
        return files.isEmpty() ? null : (String) files.get(0)[CpgSchema.FILES_TABLE.index("link_summary")];
    }

    /**
     * The pending version, upgraded if a build before versioned evidence wrote it: its format-1 CST
     * payload splits into a header and CST evidence; a pending commit marker of those builds (they sent
     * markers through the layers) is emitted as the repository's head at once.
     */
    private PendingVersion load(Collector<OwnedRows> out) throws Exception {
        PendingVersion current = pending.value();
        if (current != null && current.header == null && current.cst != null) {
            if (!upgrade(current, out)) {
                return null;
            }
            pending.update(current);
        }
        return current;
    }

    /**
     * Upgrades a version holding format-1 CST evidence (from state, or replayed in-flight data of an
     * older build) in place; false when it was a commit marker, which is then emitted and cleared.
     */
    private boolean upgrade(PendingVersion current, Collector<OwnedRows> out) throws Exception {
        if (current.header != null || current.cst == null || EvidenceFormat.CST.versionOf(current.cst) != 1) {
            return true;
        }
        LegacyCstEvidence legacy = LegacyCstEvidence.decode(current.cst);
        if (legacy.marker() != null) {
            out.collect(RepoHeadRows.of(legacy.marker()));
            pending.clear();
            emitted.update(current.version);
            return false;
        }
        current.put(EvidenceLayer.HEADER, legacy.header().encode());
        current.cst = legacy.evidence().encode();
        return true;
    }

    private void emit(PendingVersion version, FileHeader header, Set<EvidenceLayer> missing, Context ctx,
                      Collector<OwnedRows> out) throws Exception {
        Map<EvidenceLayer, byte[]> layers = new EnumMap<>(EvidenceLayer.class);
        for (EvidenceLayer layer : running) {
            if (layer != EvidenceLayer.HEADER && version.has(layer)) {
                layers.put(layer, version.get(layer));
            }
        }
        OwnedRows rows = frontends.rows(header, layers, missing);
        nodes.add(rows.rows(CpgSchema.TABLES.position(CpgSchema.NODES)).size());
        edges.add(rows.rows(CpgSchema.TABLES.position(CpgSchema.EDGES)).size());
        errors.add(rows.rows(CpgSchema.TABLES.position(CpgSchema.ERRORS)).size());
        out.collect(rows);
        ctx.output(DONE, new FileVersionDone(header.repo, version.version, header.path, header.deleted(), linkSummary(rows),
                header.commit));
        fused.inc();
        pending.clear();
        if (header.deleted()) {
            // Forget the path: state stays bounded by the files that exist. A late layer of an older
            // version then waits without a header and is dropped at its timeout, never turned into rows.
            // This needs a path's headers in source order (EvidenceTopology sends them forward): an
            // older header after the delete would otherwise bring the file back.
            emitted.clear();
        } else {
            emitted.update(version.version);
        }
    }
}
