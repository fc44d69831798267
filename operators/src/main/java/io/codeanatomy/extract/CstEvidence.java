package io.codeanatomy.extract;

import io.codeanatomy.cpg.EdgeKind;
import io.codeanatomy.cpg.NodeKind;
import io.codeanatomy.evidence.EvidenceDecoder;
import io.codeanatomy.evidence.EvidenceEncoder;
import io.codeanatomy.evidence.EvidenceFormat;
import io.codeanatomy.scope.ScopeModel;
import io.codeanatomy.scope.ScopeModelCodec;

/**
 * The CST layer's evidence for one file version: what the tree-sitter extraction found (nodes, edges,
 * problems, parse status) and the scope layer's model of the same tree. The file itself travels in its
 * {@code FileHeader}; payloads of format 1, which carried the whole change, are read by
 * {@link LegacyCstEvidence}.
 */
public final class CstEvidence {
    public final FileExtraction extraction;
    /** The scope layer's model of the same tree; null when the file was not parsed or the analysis failed. */
    public final ScopeModel scopes;

    public CstEvidence(FileExtraction extraction, ScopeModel scopes) {
        this.extraction = extraction;
        this.scopes = scopes;
    }

    public byte[] encode() {
        EvidenceEncoder e = new EvidenceEncoder(EvidenceFormat.CST);
        e.writeString(extraction.parseStatus);
        e.writeInt(extraction.nodes.size());
        for (ExtractedNode n : extraction.nodes) {
            writeNode(n, e);
        }
        e.writeInt(extraction.edges.size());
        for (ExtractedEdge edge : extraction.edges) {
            e.writeCode(edge.kind);
            writeNode(edge.src, e);
            writeNode(edge.dst, e);
            e.writeString(edge.origin).writeLong(Double.doubleToLongBits(edge.confidence)).writeProps(edge.props);
        }
        writeProblems(extraction, e);
        e.writeBoolean(scopes != null);
        if (scopes != null) {
            ScopeModelCodec.encode(scopes, e);
        }
        return e.toByteArray();
    }

    public static CstEvidence decode(byte[] payload) {
        EvidenceDecoder d = new EvidenceDecoder(payload, EvidenceFormat.CST);
        if (d.version() == 1) {
            return LegacyCstEvidence.decode(payload).evidence();
        }
        FileExtraction x = new FileExtraction();
        x.parseStatus = d.readString();
        int nodes = d.readInt();
        for (int i = 0; i < nodes; i++) {
            x.nodes.add(readNode(d));
        }
        int edges = d.readInt();
        for (int i = 0; i < edges; i++) {
            EdgeKind kind = d.readCode(EdgeKind.class);
            ExtractedNode src = readNode(d);
            ExtractedNode dst = readNode(d);
            ExtractedEdge edge = new ExtractedEdge(kind, src, dst, d.readString(), Double.longBitsToDouble(d.readLong()));
            d.readProps(edge::prop);
            x.edges.add(edge);
        }
        readProblems(d, x);
        ScopeModel scopes = d.readBoolean() ? ScopeModelCodec.decode(d) : null;
        return new CstEvidence(x, scopes);
    }

    static void writeNode(ExtractedNode n, EvidenceEncoder e) {
        e.writeCode(n.kind).writeString(n.name).writeInt(n.bstart).writeInt(n.bend).writeProps(n.props);
    }

    static ExtractedNode readNode(EvidenceDecoder d) {
        ExtractedNode n = new ExtractedNode(d.readCode(NodeKind.class), d.readString(), d.readInt(), d.readInt());
        d.readProps(n::prop);
        return n;
    }

    static void writeProblems(FileExtraction x, EvidenceEncoder e) {
        e.writeInt(x.problems.size());
        for (ExtractionProblem p : x.problems) {
            e.writeString(p.stage).writeString(p.code).writeString(p.message).writeLong(p.bstart).writeLong(p.bend);
        }
    }

    static void readProblems(EvidenceDecoder d, FileExtraction x) {
        int problems = d.readInt();
        for (int i = 0; i < problems; i++) {
            x.problems.add(new ExtractionProblem(d.readString(), d.readString(), d.readString(), d.readLong(), d.readLong()));
        }
    }
}
