package io.codeanatomy.extract;

import io.codeanatomy.align.FileEvidence;
import io.codeanatomy.cpg.CpgAccumulators;
import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/** The CST layer ({@link CstLayer}) as a Flink function: one evidence record per change. */
public final class CstLayerFunction extends RichFlatMapFunction<FileChange, FileEvidence> {
    private static final long serialVersionUID = 1L;

    private final boolean syntaxNodes;
    private transient CstLayer layer;
    private transient LongCounter files;
    private transient LongCounter bytes;

    /** @param syntaxNodes whether every named CST node becomes a SYNTAX node (the full tree) */
    public CstLayerFunction(boolean syntaxNodes) {
        this.syntaxNodes = syntaxNodes;
    }

    @Override
    public void open(OpenContext context) {
        layer = new CstLayer(syntaxNodes);
        files = getRuntimeContext().getLongCounter(CpgAccumulators.FILES);
        bytes = getRuntimeContext().getLongCounter(CpgAccumulators.BYTES);
    }

    @Override
    public void flatMap(FileChange change, Collector<FileEvidence> out) {
        if (change.kind != ChangeKind.DELETE && change.kind != ChangeKind.HEAD) {
            files.add(1);
            bytes.add(change.size);
        }
        out.collect(layer.evidence(change));
    }

    @Override
    public void close() {
        if (layer != null) {
            layer.close();
        }
    }
}
