package io.codeanatomy.job.topology;

import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.evidence.FileEvidence;
import io.codeanatomy.align.FileVersionAlignFunction;
import io.codeanatomy.align.FileVersionDone;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.OwnedRowsTypeInfo;
import io.codeanatomy.extract.CstLayerFunction;
import io.codeanatomy.extract.FileHeaderFunction;
import io.codeanatomy.extract.cpython.CPythonLayerFunction;
import io.codeanatomy.lang.LanguageFrontends;
import io.codeanatomy.lang.LayerFilter;
import io.codeanatomy.resolve.CommitLinker;
import io.codeanatomy.resolve.PriorLinks;
import io.codeanatomy.resolve.RepoHeadFunction;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.CommitMarker;
import io.codeanatomy.source.FileChange;
import io.codeanatomy.source.SourceRecord;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

import java.util.EnumSet;
import java.util.Set;

/**
 * The dataflow from a change source to CPG rows: every file change sends its header (chained to the
 * source), each evidence layer reads the changes its language frontend sends to it, the evidence of one
 * file version meets in the keyed align operator, and the fused rows move on to the sink; commit
 * markers take their own keyed path to {@code repo_heads}.
 */
public final class EvidenceTopology {
    private EvidenceTopology() {
    }

    /** Without a warehouse to start the linker from (tests, benchmarks). */
    public static DataStream<OwnedRows> rows(DataStream<SourceRecord> records, LayerSettings layers) {
        return rows(records, layers, PriorLinks.NONE);
    }

    /**
     * {@code prior}: what the warehouse holds for the cross-file linker, read when a run meets a
     * repository its restored state does not have.
     */
    public static DataStream<OwnedRows> rows(DataStream<SourceRecord> records, LayerSettings layers, PriorLinks prior) {
        LanguageFrontends frontends = LanguageFrontends.all();
        Set<EvidenceLayer> running = EnumSet.of(EvidenceLayer.CST);
        if (layers.cpython) {
            running.add(EvidenceLayer.CPYTHON);
        }
        // Changes and their headers keep the source's parallelism (chained to it): the versions of one
        // path then reach the align operator in the order the source emitted them. Round-robin here
        // would let a delete overtake the add before it, and the add would come back after the delete.
        int sourceParallelism = records.getParallelism();
        DataStream<FileChange> changes = records.flatMap(new Files()).name("file changes")
                .setParallelism(sourceParallelism);
        DataStream<FileEvidence> evidence = changes
                .map(new FileHeaderFunction())
                .name("file headers")
                .setParallelism(sourceParallelism)
                .union(changes
                        .filter(new LayerFilter(frontends, running, EvidenceLayer.CST))
                        .rebalance()
                        .map(new CstLayerFunction(frontends, layers.syntaxNodes))
                        .uid("layer-cst")
                        .name("layer: tree-sitter CST + scopes"));
        if (layers.cpython) {
            evidence = evidence.union(changes
                    .filter(new LayerFilter(frontends, running, EvidenceLayer.CPYTHON))
                    .rebalance()
                    .flatMap(new CPythonLayerFunction(layers.pythonExecutable, layers.cpythonTimeout))
                    .uid("layer-cpython")
                    .name("layer: CPython ast + symtable"));
        }
        OwnedRowsTypeInfo rowType = new OwnedRowsTypeInfo(CpgSchema.TABLES);
        SingleOutputStreamOperator<OwnedRows> fileRows = evidence
                .keyBy(FileEvidence::fileKey)
                .process(new FileVersionAlignFunction(frontends, running, layers.alignTimeout), rowType)
                .uid("align")
                .name("align layers + build rows");
        DataStream<FileVersionDone> done = fileRows.getSideOutput(FileVersionAlignFunction.DONE);
        DataStream<OwnedRows> headRows = records.flatMap(new Markers()).name("commit markers")
                .setParallelism(sourceParallelism)
                .keyBy(m -> m.repo)
                .connect(done.keyBy(d -> d.repo))
                .process(new RepoHeadFunction(new CommitLinker(prior, layers.pythonRoots)), rowType)
                .uid("repo-heads")
                .name("link across files + repo_heads rows (once a commit's files are out)");
        return fileRows.union(headRows);
    }

    private static final class Files implements FlatMapFunction<SourceRecord, FileChange> {
        @Override
        public void flatMap(SourceRecord record, Collector<FileChange> out) {
            if (record.file != null) {
                out.collect(record.file);
            }
        }
    }

    private static final class Markers implements FlatMapFunction<SourceRecord, CommitMarker> {
        @Override
        public void flatMap(SourceRecord record, Collector<CommitMarker> out) {
            if (record.marker != null) {
                out.collect(record.marker);
            }
        }
    }
}
