package io.codeanatomy.extract.cpython;

import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.evidence.FileEvidence;
import io.codeanatomy.evidence.ContentState;
import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * The CPython layer: one helper process per task answers with the file's ast and symtable. The
 * topology gives it only the files their frontend sends to it (readable Python files), and it sends one
 * evidence record for each; an unavailable or failing CPython is reported in the record and the other
 * layers carry the file.
 */
public final class CPythonLayerFunction extends RichFlatMapFunction<FileChange, FileEvidence> {
    private static final long serialVersionUID = 1L;

    private final String python;
    private final Duration timeout;
    private transient CPythonHelper helper;
    private transient Counter unavailable;

    public CPythonLayerFunction(String python, Duration timeout) {
        this.python = python;
        this.timeout = timeout;
    }

    @Override
    public void open(OpenContext context) {
        helper = new CPythonHelper(python, timeout, 1);
        unavailable = getRuntimeContext().getMetricGroup().counter("cpythonFilesWithoutFacts");
        getRuntimeContext().getMetricGroup().gauge("cpythonHelperRestarts", () -> helper.restarts());
        helper.start(); // while the sources and the other layers start; a missing python3 is logged here
    }

    @Override
    public void flatMap(FileChange change, Collector<FileEvidence> out) {
        CPythonFacts facts;
        if (change.kind == ChangeKind.DELETE || ContentState.of(change.content) != ContentState.TEXT) {
            // The topology sends only readable Python files here; anything else is answered, never parsed.
            facts = CPythonFacts.failed(CPythonFacts.Status.NOT_APPLICABLE, "no content to parse");
        } else {
            facts = helper.facts(change.path, change.content);
            if (facts.status != CPythonFacts.Status.OK && facts.status != CPythonFacts.Status.SYNTAX_ERROR) {
                unavailable.inc();
            }
        }
        out.collect(new FileEvidence(change.repo, change.path, change.blobId, change.version, EvidenceLayer.CPYTHON,
                CPythonFactsCodec.encode(facts)));
    }

    @Override
    public void close() {
        if (helper != null) {
            helper.close();
        }
    }
}
