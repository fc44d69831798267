package io.codeanatomy.extract;

import io.codeanatomy.evidence.ContentState;
import io.codeanatomy.evidence.EvidenceDecoder;
import io.codeanatomy.evidence.EvidenceFormat;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.scope.ScopeModel;
import io.codeanatomy.scope.ScopeModelCodec;
import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.CommitMarker;
import io.codeanatomy.span.LineIndex;

/**
 * Reads CST evidence of format 1, as the first builds checkpointed it in the align operator's state:
 * the whole file change (content included) followed by the extraction and scope model, node kinds
 * and scope codes by ordinal (which equal today's stable codes). A version 1 payload splits into
 * today's header and CST evidence; one that was a commit's HEAD marker becomes a {@link CommitMarker}.
 */
public record LegacyCstEvidence(FileHeader header, CstEvidence evidence, CommitMarker marker) {
    public static LegacyCstEvidence decode(byte[] payload) {
        EvidenceDecoder d = new EvidenceDecoder(payload, EvidenceFormat.CST);
        if (d.version() != 1) {
            throw new IllegalArgumentException("not CST evidence of format 1 (version " + d.version() + ")");
        }
        String repo = d.readString();
        String path = d.readString();
        String oldPath = d.readString();
        String kind = d.readString();
        String blobId = d.readString();
        String commit = d.readString();
        String language = d.readString();
        long size = d.readLong();
        long version = d.readLong();
        byte[] content = d.readBytes();
        d.readString(); // why the content was not read: the extraction's problems say it again
        String branch = d.readString();
        long commitTime = d.readLong();
        long detectedAt = d.readLong();
        FileExtraction x = new FileExtraction();
        x.parseStatus = d.readString();
        int nodes = d.readInt();
        for (int i = 0; i < nodes; i++) {
            x.nodes.add(CstEvidence.readNode(d));
        }
        CstEvidence.readProblems(d, x);
        ScopeModel scopes = d.readBoolean() ? ScopeModelCodec.decode(d) : null;
        if (kind.equals("HEAD")) {
            return new LegacyCstEvidence(null, null, new CommitMarker(repo, branch, commit, version, commitTime, detectedAt));
        }
        FileHeader header = new FileHeader(repo, path, oldPath, ChangeKind.valueOf(kind), blobId, commit, language, size,
                version, ContentState.of(content), content == null ? null : LineIndex.of(content));
        return new LegacyCstEvidence(header, new CstEvidence(x, scopes), null);
    }
}
