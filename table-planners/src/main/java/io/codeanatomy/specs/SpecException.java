package io.codeanatomy.specs;

/** A relationship spec that cannot be used, with the spec and the field it is about in the message. */
public final class SpecException extends IllegalArgumentException {
    public SpecException(String message) {
        super(message);
    }
}
