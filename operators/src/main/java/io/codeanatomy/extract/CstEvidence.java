package io.codeanatomy.extract;

import io.codeanatomy.cpg.NodeKind;
import io.codeanatomy.scope.ScopeModel;
import io.codeanatomy.scope.ScopeModelCodec;
import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;

/**
 * The CST layer's evidence for one file version: the change itself (identity, content, metadata)
 * what the tree-sitter extraction found, and the scope layer's model of the same tree. The content travels with it because fusion maps other
 * layers' positions onto the file's bytes.
 */
public final class CstEvidence {
    public final FileChange change;
    public final FileExtraction extraction;
    /** The scope layer's model of the same tree; null when the file was not parsed or the analysis failed. */
    public final ScopeModel scopes;

    public CstEvidence(FileChange change, FileExtraction extraction, ScopeModel scopes) {
        this.change = change;
        this.extraction = extraction;
        this.scopes = scopes;
    }

    public byte[] encode() {
        EvidenceEncoder e = new EvidenceEncoder();
        e.writeString(change.repo).writeString(change.path).writeString(change.oldPath)
                .writeString(change.kind.name()).writeString(change.blobId).writeString(change.commit)
                .writeString(change.language).writeLong(change.size).writeLong(change.version)
                .writeBytes(change.content).writeString(change.skipReason).writeString(change.branch)
                .writeLong(change.commitTime).writeLong(change.detectedAt);
        e.writeString(extraction.parseStatus);
        e.writeInt(extraction.nodes.size());
        for (ExtractedNode n : extraction.nodes) {
            e.writeInt(n.kind.ordinal()).writeString(n.name).writeInt(n.bstart).writeInt(n.bend).writeProps(n.props);
        }
        e.writeInt(extraction.problems.size());
        for (ExtractionProblem p : extraction.problems) {
            e.writeString(p.stage).writeString(p.code).writeString(p.message).writeLong(p.bstart).writeLong(p.bend);
        }
        e.writeBoolean(scopes != null);
        if (scopes != null) {
            ScopeModelCodec.encode(scopes, e);
        }
        return e.toByteArray();
    }

    public static CstEvidence decode(byte[] payload) {
        EvidenceDecoder d = new EvidenceDecoder(payload);
        FileChange c = new FileChange();
        c.repo = d.readString();
        c.path = d.readString();
        c.oldPath = d.readString();
        c.kind = ChangeKind.valueOf(d.readString());
        c.blobId = d.readString();
        c.commit = d.readString();
        c.language = d.readString();
        c.size = d.readLong();
        c.version = d.readLong();
        c.content = d.readBytes();
        c.skipReason = d.readString();
        c.branch = d.readString();
        c.commitTime = d.readLong();
        c.detectedAt = d.readLong();
        FileExtraction x = new FileExtraction();
        x.parseStatus = d.readString();
        NodeKind[] kinds = NodeKind.values();
        int nodes = d.readInt();
        for (int i = 0; i < nodes; i++) {
            ExtractedNode n = new ExtractedNode(kinds[d.readInt()], d.readString(), d.readInt(), d.readInt());
            d.readProps(n::prop);
            x.nodes.add(n);
        }
        int problems = d.readInt();
        for (int i = 0; i < problems; i++) {
            x.problems.add(new ExtractionProblem(d.readString(), d.readString(), d.readString(), d.readLong(), d.readLong()));
        }
        ScopeModel scopes = d.readBoolean() ? ScopeModelCodec.decode(d) : null;
        return new CstEvidence(c, x, scopes);
    }
}
