package io.codeanatomy.extract;

/** A problem found while reading or parsing one file; it becomes an extract_errors row. */
public final class ExtractionProblem {
    public final String stage;
    public final String code;
    public final String message;
    /** Byte span of the problem, or -1 when it concerns the whole file. */
    public final long bstart;
    public final long bend;

    public ExtractionProblem(String stage, String code, String message, long bstart, long bend) {
        this.stage = stage;
        this.code = code;
        this.message = message;
        this.bstart = bstart;
        this.bend = bend;
    }

    public static ExtractionProblem wholeFile(String stage, String code, String message) {
        return new ExtractionProblem(stage, code, message, -1, -1);
    }

    public boolean hasSpan() {
        return bstart >= 0;
    }
}
