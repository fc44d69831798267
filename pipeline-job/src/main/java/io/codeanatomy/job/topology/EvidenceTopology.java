package io.codeanatomy.job.topology;

import io.codeanatomy.align.EvidenceLayer;
import io.codeanatomy.align.FileEvidence;
import io.codeanatomy.align.FileVersionAlignFunction;
import io.codeanatomy.align.python.PythonEvidenceFusion;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.OwnedRowsTypeInfo;
import io.codeanatomy.extract.CstLayerFunction;
import io.codeanatomy.extract.cpython.CPythonLayerFunction;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileChange;

import org.apache.flink.streaming.api.datastream.DataStream;

import java.util.EnumSet;
import java.util.Set;

/**
 * The dataflow from file changes to CPG rows: each evidence layer reads every change, the layers of
 * one file version meet in the keyed align operator, and the fused rows move on to the sink.
 */
public final class EvidenceTopology {
    private EvidenceTopology() {
    }

    public static DataStream<OwnedRows> rows(DataStream<FileChange> changes, LayerSettings layers) {
        Set<EvidenceLayer> expected = EnumSet.of(EvidenceLayer.CST);
        DataStream<FileEvidence> evidence = changes
                .rebalance()
                .flatMap(new CstLayerFunction(layers.syntaxNodes))
                .uid("layer-cst")
                .name("layer: tree-sitter CST + scopes");
        if (layers.cpython) {
            expected.add(EvidenceLayer.CPYTHON);
            evidence = evidence.union(changes
                    .rebalance()
                    .flatMap(new CPythonLayerFunction(layers.pythonExecutable, layers.cpythonTimeout))
                    .uid("layer-cpython")
                    .name("layer: CPython ast + symtable"));
        }
        return evidence
                .keyBy(FileEvidence::fileKey)
                .process(new FileVersionAlignFunction(expected, layers.alignTimeout, new PythonEvidenceFusion()),
                        new OwnedRowsTypeInfo(CpgSchema.TABLES))
                .uid("align")
                .name("align layers + build rows");
    }
}
