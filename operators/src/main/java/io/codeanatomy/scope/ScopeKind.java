package io.codeanatomy.scope;

import io.codeanatomy.evidence.StableCode;

/** The blocks that own names: what CPython's symtable calls a block, lambdas and comprehensions told apart. */
public enum ScopeKind implements StableCode {
    MODULE(0), CLASS(1), FUNCTION(2), LAMBDA(3), COMPREHENSION(4);

    private final int code;

    ScopeKind(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
