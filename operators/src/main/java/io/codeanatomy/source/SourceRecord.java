package io.codeanatomy.source;

/**
 * What a change source emits, in order: the changes of one commit, then its {@link CommitMarker}.
 * Exactly one field is set. A POJO envelope rather than a class hierarchy so that Flink serializes
 * it field by field (no Kryo) and its checkpoint form can evolve.
 */
public class SourceRecord {
    public FileChange file;
    public CommitMarker marker;

    public SourceRecord() {
    }

    public static SourceRecord of(FileChange file) {
        SourceRecord r = new SourceRecord();
        r.file = file;
        return r;
    }

    public static SourceRecord of(CommitMarker marker) {
        SourceRecord r = new SourceRecord();
        r.marker = marker;
        return r;
    }

    @Override
    public String toString() {
        return file != null ? file.toString() : String.valueOf(marker);
    }
}
