package io.codeanatomy.scope;

import io.codeanatomy.evidence.StableCode;

/** What an occurrence of a name does to it. */
public enum Access implements StableCode {
    READ(0), WRITE(1), DELETE(2);

    private final int code;

    Access(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
