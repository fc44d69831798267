package io.codeanatomy.evidence;

import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;
import io.codeanatomy.span.LineIndex;

/**
 * One file version as the align operator and fusion see it: identity, metadata and line starts, but
 * not the content. It travels once per version, as the HEADER evidence record, so the content crosses
 * the network only to the layers that parse it, and the line index is built once.
 */
public final class FileHeader {
    public final String repo;
    public final String path;
    /** For a RENAME, the path the file had before; otherwise null. */
    public final String oldPath;
    public final ChangeKind kind;
    /** Git blob id of this version; null for a delete. */
    public final String blobId;
    /** Commit being indexed; null for a plain directory. */
    public final String commit;
    public final String language;
    public final long size;
    public final long version;
    public final ContentState content;
    /** Line starts of the content; null when it was not read. */
    public final LineIndex lines;

    public FileHeader(String repo, String path, String oldPath, ChangeKind kind, String blobId, String commit,
                      String language, long size, long version, ContentState content, LineIndex lines) {
        this.repo = repo;
        this.path = path;
        this.oldPath = oldPath;
        this.kind = kind;
        this.blobId = blobId;
        this.commit = commit;
        this.language = language;
        this.size = size;
        this.version = version;
        this.content = content;
        this.lines = lines;
    }

    public static FileHeader of(FileChange change) {
        return new FileHeader(change.repo, change.path, change.oldPath, change.kind, change.blobId, change.commit,
                change.language, change.size, change.version, ContentState.of(change.content),
                change.content == null ? null : LineIndex.of(change.content));
    }

    public boolean deleted() {
        return kind == ChangeKind.DELETE;
    }

    /** The length of the content in bytes; 0 when it was not read. */
    public int length() {
        return lines == null ? 0 : lines.length();
    }

    public byte[] encode() {
        EvidenceEncoder e = new EvidenceEncoder(EvidenceFormat.FILE_HEADER);
        e.writeString(repo).writeString(path).writeString(oldPath).writeString(kind.name()).writeString(blobId)
                .writeString(commit).writeString(language).writeLong(size).writeLong(version).writeCode(content);
        e.writeBoolean(lines != null);
        if (lines != null) {
            int[] starts = lines.lineStarts();
            e.writeInt(lines.length()).writeBoolean(lines.hasBom()).writeBoolean(lines.endsWithTerminator())
                    .writeInt(starts.length);
            for (int start : starts) {
                e.writeInt(start);
            }
        }
        return e.toByteArray();
    }

    public static FileHeader decode(byte[] payload) {
        EvidenceDecoder d = new EvidenceDecoder(payload, EvidenceFormat.FILE_HEADER);
        String repo = d.readString();
        String path = d.readString();
        String oldPath = d.readString();
        ChangeKind kind = ChangeKind.valueOf(d.readString());
        String blobId = d.readString();
        String commit = d.readString();
        String language = d.readString();
        long size = d.readLong();
        long version = d.readLong();
        ContentState content = d.readCode(ContentState.class);
        LineIndex lines = null;
        if (d.readBoolean()) {
            int length = d.readInt();
            boolean bom = d.readBoolean();
            boolean terminated = d.readBoolean();
            int[] starts = new int[d.readInt()];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = d.readInt();
            }
            lines = LineIndex.of(starts, length, bom, terminated);
        }
        return new FileHeader(repo, path, oldPath, kind, blobId, commit, language, size, version, content, lines);
    }

    @Override
    public String toString() {
        return kind + " " + repo + ":" + path + " v" + version;
    }
}
