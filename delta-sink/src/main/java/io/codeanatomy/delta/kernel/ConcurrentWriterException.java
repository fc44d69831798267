package io.codeanatomy.delta.kernel;

/** A second writer was found writing a table; the job must stop rather than mix its rows. */
public final class ConcurrentWriterException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ConcurrentWriterException(String message) {
        super(message);
    }
}
