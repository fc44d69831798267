package io.codeanatomy.source;

import io.codeanatomy.lang.Language;

/** A file of a snapshot, listed but not yet read. {@code handle} is what the listing needs to read it. */
final class SnapshotEntry {
    final String path;
    final Language language;
    final Object handle;

    SnapshotEntry(String path, Language language, Object handle) {
        this.path = path;
        this.language = language;
        this.handle = handle;
    }
}
