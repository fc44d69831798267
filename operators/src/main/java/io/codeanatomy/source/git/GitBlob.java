package io.codeanatomy.source.git;

import io.codeanatomy.source.listing.Blob;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

import java.io.IOException;

/** A blob of a repository's object database (never the work tree), read through the diff's reader. */
record GitBlob(ObjectReader reader, ObjectId objectId) implements Blob {
    @Override
    public long size() throws IOException {
        return reader.getObjectSize(objectId, Constants.OBJ_BLOB);
    }

    @Override
    public String id() {
        return objectId.name();
    }

    @Override
    public Content read() throws IOException {
        return new Content(reader.open(objectId, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE), objectId.name());
    }
}
