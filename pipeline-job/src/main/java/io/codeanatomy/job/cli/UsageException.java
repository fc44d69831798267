package io.codeanatomy.job.cli;

/** A bad command line or setting: printed with the command's usage, exit code 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
