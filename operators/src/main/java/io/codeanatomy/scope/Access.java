package io.codeanatomy.scope;

import io.codeanatomy.evidence.StableCode;

/** What an occurrence of a name does to it. */
public enum Access implements StableCode {
    READ(0), WRITE(1), DELETE(2),
    /** Named by a {@code global} or {@code nonlocal} statement: neither read nor bound there. */
    DECLARE(3);

    private final int code;

    Access(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
