package io.codeanatomy.scope;

/** The Python blocks that own names: what CPython's symtable calls a block, lambdas and comprehensions told apart. */
public enum ScopeKind {
    MODULE, CLASS, FUNCTION, LAMBDA, COMPREHENSION
}
