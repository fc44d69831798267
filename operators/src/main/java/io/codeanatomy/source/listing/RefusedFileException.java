package io.codeanatomy.source.listing;

import java.io.IOException;

/**
 * A listed file that may not be read: it was swapped for a symbolic link (or moved out of the
 * repository through one) after it was listed. The file becomes an error row, never a read outside
 * the repository.
 */
public final class RefusedFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public RefusedFileException(String message) {
        super(message);
    }
}
