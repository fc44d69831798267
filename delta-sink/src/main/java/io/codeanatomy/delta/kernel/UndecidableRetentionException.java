package io.codeanatomy.delta.kernel;

/**
 * Vacuum cannot tell which files the versions within the retention reference (part of the log is
 * missing): it must then delete nothing, and say why.
 */
public final class UndecidableRetentionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UndecidableRetentionException(String message) {
        super(message);
    }
}
