package io.codeanatomy.source.directory;

import io.codeanatomy.source.listing.Blob;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file on disk, with the blob id git would give its content (the same content has the same id in both modes). */
record FileBlob(Path file) implements Blob {
    @Override
    public long size() throws IOException {
        return Files.size(file);
    }

    @Override
    public String id() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, size(), in).name();
        }
    }

    @Override
    public Content read() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new Content(bytes, new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, bytes).name());
    }
}
