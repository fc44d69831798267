package io.codeanatomy.evidence;

/** Whether a file version's content was read and can be parsed. Decides which layers look at it. */
public enum ContentState implements StableCode {
    /** Read, and text as far as git's heuristic can tell. */
    TEXT(0),
    /** Read, but a NUL byte in its first {@value #BINARY_PROBE_BYTES} bytes: not parsed. */
    BINARY(1),
    /** Not read (larger than --max-file-size), or no content at all (a delete). */
    NOT_READ(2);

    /** Git's binary heuristic looks this far. */
    public static final int BINARY_PROBE_BYTES = 8000;

    private final int code;

    ContentState(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    public static ContentState of(byte[] content) {
        if (content == null) {
            return NOT_READ;
        }
        int n = Math.min(content.length, BINARY_PROBE_BYTES);
        for (int i = 0; i < n; i++) {
            if (content[i] == 0) {
                return BINARY;
            }
        }
        return TEXT;
    }
}
