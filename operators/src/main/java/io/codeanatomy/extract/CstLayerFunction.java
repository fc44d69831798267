package io.codeanatomy.extract;

import io.codeanatomy.evidence.FileEvidence;
import io.codeanatomy.cpg.CpgAccumulators;
import io.codeanatomy.lang.LanguageFrontends;
import io.codeanatomy.source.FileChange;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** The CST layer ({@link CstLayer}) as a Flink function: one evidence record per changed file it is given. */
public final class CstLayerFunction extends RichMapFunction<FileChange, FileEvidence> {
    private static final long serialVersionUID = 1L;

    private final LanguageFrontends frontends;
    private final boolean syntaxNodes;
    private transient CstLayer layer;
    private transient LongCounter files;
    private transient LongCounter bytes;

    /** @param syntaxNodes whether every named CST node becomes a SYNTAX node (the full tree) */
    public CstLayerFunction(LanguageFrontends frontends, boolean syntaxNodes) {
        this.frontends = frontends;
        this.syntaxNodes = syntaxNodes;
    }

    @Override
    public void open(OpenContext context) {
        layer = new CstLayer(frontends, syntaxNodes);
        files = getRuntimeContext().getLongCounter(CpgAccumulators.FILES);
        bytes = getRuntimeContext().getLongCounter(CpgAccumulators.BYTES);
    }

    @Override
    public FileEvidence map(FileChange change) {
        files.add(1);
        bytes.add(change.size);
        return layer.evidence(change);
    }

    @Override
    public void close() {
        if (layer != null) {
            layer.close();
        }
    }
}
