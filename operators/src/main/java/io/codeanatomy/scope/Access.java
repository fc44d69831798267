package io.codeanatomy.scope;

/** What an occurrence of a name does to it. */
public enum Access {
    READ, WRITE, DELETE
}
