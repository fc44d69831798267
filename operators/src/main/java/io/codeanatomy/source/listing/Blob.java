package io.codeanatomy.source.listing;

import java.io.IOException;

/**
 * Where a listed file's content is kept: a git object or a file on disk. Asking for the size or the id
 * never keeps the content in memory, so a file over the size limit is never held.
 */
public interface Blob {
    /** The content's size in bytes. */
    long size() throws IOException;

    /** Git's blob id of the content. */
    String id() throws IOException;

    /** The content and its git blob id, read once (the id is of exactly these bytes). */
    Content read() throws IOException;

    record Content(byte[] bytes, String id) {
    }
}
