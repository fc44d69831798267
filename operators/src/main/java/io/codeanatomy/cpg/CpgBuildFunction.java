package io.codeanatomy.cpg;

import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.record.Owner;
import io.codeanatomy.extract.ExtractionProblem;
import io.codeanatomy.extract.FileExtraction;
import io.codeanatomy.extract.python.PythonCstExtractor;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-file stage: reads a change, runs the language's extractors and emits the file's rows for
 * every table as one record. A file that cannot be parsed still yields its files row and an
 * extract_errors row; nothing here stops the job for bad input.
 */
public final class CpgBuildFunction extends RichFlatMapFunction<FileChange, OwnedRows> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CpgBuildFunction.class);
    /** Git's binary heuristic: a NUL byte within the first 8000 bytes. */
    private static final int BINARY_PROBE_BYTES = 8000;

    public static final String FILES = "files";
    public static final String BYTES = "bytes";
    public static final String NODES = "nodes";
    public static final String EDGES = "edges";
    public static final String ERRORS = "errors";

    private transient PythonCstExtractor python;
    private transient FileGraphBuilder builder;
    private transient LongCounter files;
    private transient LongCounter bytes;
    private transient LongCounter nodes;
    private transient LongCounter edges;
    private transient LongCounter errors;

    @Override
    public void open(OpenContext context) {
        python = new PythonCstExtractor();
        builder = new FileGraphBuilder();
        files = getRuntimeContext().getLongCounter(FILES);
        bytes = getRuntimeContext().getLongCounter(BYTES);
        nodes = getRuntimeContext().getLongCounter(NODES);
        edges = getRuntimeContext().getLongCounter(EDGES);
        errors = getRuntimeContext().getLongCounter(ERRORS);
    }

    @Override
    public void flatMap(FileChange change, Collector<OwnedRows> out) {
        if (change.kind == ChangeKind.DELETE) {
            out.collect(OwnedRows.delete(new Owner(change.repo, change.path), CpgSchema.TABLES.size()));
            return;
        }
        OwnedRows rows = builder.build(change, extract(change));
        files.add(1);
        bytes.add(change.size);
        nodes.add(rows.rows(CpgSchema.TABLES.position(CpgSchema.NODES)).size());
        edges.add(rows.rows(CpgSchema.TABLES.position(CpgSchema.EDGES)).size());
        errors.add(rows.rows(CpgSchema.TABLES.position(CpgSchema.ERRORS)).size());
        out.collect(rows);
    }

    private FileExtraction extract(FileChange change) {
        if (change.content == null) {
            return FileExtraction.skipped(FileExtraction.SKIPPED_TOO_LARGE, ExtractionProblem.wholeFile("source",
                    "file_too_large", change.path + " has " + change.size
                            + " bytes, more than --max-file-size; its content was not indexed"));
        }
        if (looksBinary(change.content)) {
            return FileExtraction.skipped(FileExtraction.SKIPPED_BINARY, ExtractionProblem.wholeFile("source",
                    "binary_file", change.path + " contains a NUL byte in its first " + BINARY_PROBE_BYTES
                            + " bytes; treated as binary and not parsed"));
        }
        try {
            return python.extract(change.content);
        } catch (RuntimeException e) {
            LOG.warn("extraction failed for {}:{} ({})", change.repo, change.path, e.toString());
            return FileExtraction.skipped(FileExtraction.FAILED,
                    ExtractionProblem.wholeFile("extract", "extractor_failed", e.toString()));
        }
    }

    static boolean looksBinary(byte[] content) {
        int n = Math.min(content.length, BINARY_PROBE_BYTES);
        for (int i = 0; i < n; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (python != null) {
            python.close();
        }
    }
}
