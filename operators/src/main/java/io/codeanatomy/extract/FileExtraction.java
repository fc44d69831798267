package io.codeanatomy.extract;

import java.util.ArrayList;
import java.util.List;

/** What an extractor made of one file: nodes, problems and the parse status for the files table. */
public final class FileExtraction {
    public static final String OK = "ok";
    public static final String SYNTAX_ERRORS = "syntax_errors";
    public static final String SKIPPED_BINARY = "skipped_binary";
    public static final String SKIPPED_TOO_LARGE = "skipped_too_large";
    /** Not read: it became a link (possibly out of the repository) after it was listed. */
    public static final String SKIPPED_REFUSED = "skipped_refused";
    public static final String FAILED = "failed";
    /** The CST layer's evidence did not arrive within the align timeout. */
    public static final String LAYER_TIMEOUT = "layer_timeout";
    /** No frontend for the file's language. */
    public static final String UNSUPPORTED = "unsupported_language";

    public final List<ExtractedNode> nodes = new ArrayList<>();
    /** Edges a layer decided itself (REFERS_TO, ENCLOSED_BY, ...); syntax edges come from the row builder. */
    public final List<ExtractedEdge> edges = new ArrayList<>();
    public final List<ExtractionProblem> problems = new ArrayList<>();
    public String parseStatus = OK;
    /** The file's whole syntax tree for later layers of the same task; null when it was not parsed. */
    public transient SyntaxTree tree;

    public static FileExtraction skipped(String status, ExtractionProblem why) {
        FileExtraction e = new FileExtraction();
        e.parseStatus = status;
        e.problems.add(why);
        return e;
    }
}
