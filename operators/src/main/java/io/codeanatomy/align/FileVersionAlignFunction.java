package io.codeanatomy.align;

import io.codeanatomy.cpg.CpgAccumulators;
import io.codeanatomy.delta.record.OwnedRows;
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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The keyed align operator. Keyed by file (repo, path), it holds the layers of one file version in
 * state until every expected layer has arrived (or reported failure: a layer always sends a record,
 * even if only to say it could not run), then fuses them and clears the state. A version whose layers
 * do not all arrive within the timeout is fused with what did arrive, the missing layers named. A newer
 * version of the file evicts an older one still waiting; evidence of a version older than one already
 * held or emitted is dropped. So state holds at most one version per file plus the last emitted
 * version number, and everything is checkpointed: a restore resumes waiting where it stopped.
 */
public final class FileVersionAlignFunction extends KeyedProcessFunction<String, FileEvidence, OwnedRows> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FileVersionAlignFunction.class);

    private final Set<EvidenceLayer> expected;
    private final long timeoutMillis;
    private final EvidenceFusion fusion;

    private transient ValueState<PendingVersion> pending;
    private transient ValueState<Long> emitted;
    private transient Counter fused;
    private transient Counter timedOut;
    private transient Counter evicted;
    private transient Counter stale;
    private transient LongCounter nodes;
    private transient LongCounter edges;
    private transient LongCounter errors;

    public FileVersionAlignFunction(Set<EvidenceLayer> expected, Duration timeout, EvidenceFusion fusion) {
        if (!expected.contains(EvidenceLayer.CST)) {
            throw new IllegalArgumentException("the CST layer is always expected: it carries the file itself");
        }
        this.expected = EnumSet.copyOf(expected);
        this.timeoutMillis = timeout.toMillis();
        this.fusion = fusion;
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
        PendingVersion current = pending.value();
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
        if (complete(current)) {
            ctx.timerService().deleteProcessingTimeTimer(current.deadline);
            emit(evidence.repo, evidence.path, current, EnumSet.noneOf(EvidenceLayer.class), out);
        } else {
            pending.update(current);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OwnedRows> out) throws Exception {
        PendingVersion current = pending.value();
        if (current == null || current.deadline != timestamp) {
            return; // fused or evicted before the deadline
        }
        Set<EvidenceLayer> missing = EnumSet.noneOf(EvidenceLayer.class);
        for (EvidenceLayer layer : expected) {
            if (!current.has(layer)) {
                missing.add(layer);
            }
        }
        String key = ctx.getCurrentKey();
        int cut = key.indexOf('\u0000');
        String repo = key.substring(0, cut);
        String path = key.substring(cut + 1);
        if (!current.has(EvidenceLayer.CST)) {
            // Without the CST layer there is no file to build rows from; the file's previous rows stay.
            LOG.warn("{}:{} version {}: the CST layer did not arrive within {} ms; nothing emitted", repo, path,
                    current.version, timeoutMillis);
            pending.clear();
            timedOut.inc();
            return;
        }
        LOG.warn("{}:{} version {}: layers {} did not arrive within {} ms; fusing without them", repo, path,
                current.version, missing, timeoutMillis);
        timedOut.inc();
        emit(repo, path, current, missing, out);
    }

    private boolean complete(PendingVersion version) {
        for (EvidenceLayer layer : expected) {
            if (!version.has(layer)) {
                return false;
            }
        }
        return true;
    }

    private void emit(String repo, String path, PendingVersion version, Set<EvidenceLayer> missing,
                      Collector<OwnedRows> out) throws Exception {
        Map<EvidenceLayer, byte[]> layers = new EnumMap<>(EvidenceLayer.class);
        for (EvidenceLayer layer : expected) {
            if (version.has(layer)) {
                layers.put(layer, version.get(layer));
            }
        }
        OwnedRows rows = fusion.fuse(repo, path, layers, missing);
        nodes.add(rows.rows(CpgSchema.TABLES.position(CpgSchema.NODES)).size());
        edges.add(rows.rows(CpgSchema.TABLES.position(CpgSchema.EDGES)).size());
        errors.add(rows.rows(CpgSchema.TABLES.position(CpgSchema.ERRORS)).size());
        out.collect(rows);
        fused.inc();
        pending.clear();
        emitted.update(version.version);
    }
}
