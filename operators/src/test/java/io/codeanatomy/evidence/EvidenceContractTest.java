package io.codeanatomy.evidence;

import io.codeanatomy.cpg.EdgeKind;
import io.codeanatomy.cpg.NodeKind;
import io.codeanatomy.extract.CstEvidence;
import io.codeanatomy.extract.CstLayer;
import io.codeanatomy.extract.ExtractedEdge;
import io.codeanatomy.extract.ExtractedNode;
import io.codeanatomy.extract.FileExtraction;
import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evidence contract: versioned payloads, stable codes, every field encoded, the header instead of the content. */
class EvidenceContractTest {
    private static final String SOURCE = "\ufeffimport os\r\n\r\ndef f(x):\n    \"\"\"doc\"\"\"\n    return os.path.join(x, 'é')\r";

    @Test
    void everyFieldOfTheCstEvidenceSurvivesItsEncodingTheLayersOwnEdgesIncluded() {
        FileExtraction x = new FileExtraction();
        x.parseStatus = FileExtraction.SYNTAX_ERRORS;
        ExtractedNode call = new ExtractedNode(NodeKind.CALL, "f", 3, 9).prop("args", 2L).prop("async", true);
        ExtractedNode external = new ExtractedNode(NodeKind.EXTERNAL, "builtins.len", 0, 0).prop("external_kind", "builtin");
        x.nodes.add(call);
        x.nodes.add(external);
        x.edges.add(new ExtractedEdge(EdgeKind.REFERS_TO, call, external, "scope", 0.9).prop("access", "read"));
        CstEvidence decoded = CstEvidence.decode(new CstEvidence(x, null).encode());
        assertEquals(FileExtraction.SYNTAX_ERRORS, decoded.extraction.parseStatus);
        assertEquals(2, decoded.extraction.nodes.size());
        assertEquals(call.props, decoded.extraction.nodes.get(0).props);
        assertEquals(1, decoded.extraction.edges.size(), "an edge the CST layer decides is not dropped on the way");
        ExtractedEdge edge = decoded.extraction.edges.get(0);
        assertEquals(EdgeKind.REFERS_TO, edge.kind);
        assertEquals("builtins.len", edge.dst.name);
        assertEquals(NodeKind.EXTERNAL, edge.dst.kind);
        assertEquals(0.9, edge.confidence);
        assertEquals("read", edge.props.get("access"));
        assertNull(decoded.scopes);
    }

    @Test
    void kindsTravelAsStableCodesNotOrdinals() {
        for (NodeKind k : NodeKind.values()) {
            assertEquals(k, StableCode.byCode(NodeKind.class, k.code()));
        }
        // The codes are frozen: the ones state was written with before codes existed (the ordinals then).
        assertEquals(0, NodeKind.FILE.code());
        assertEquals(3, NodeKind.SYNTAX.code());
        assertEquals(15, NodeKind.NAME.code());
        assertEquals(17, NodeKind.EXTERNAL.code());
        assertEquals(7, EdgeKind.ENCLOSED_BY.code());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StableCode.byCode(NodeKind.class, 99));
        assertTrue(e.getMessage().contains("NodeKind code 99"), e.getMessage());
    }

    @Test
    void theHeaderCarriesTheFileWithoutItsContentAndItsLinesStillMapPositions() {
        FileChange change = FileChange.add("repo", "pkg/m.py", "c1", "python", 0);
        change.content = SOURCE.getBytes(StandardCharsets.UTF_8);
        change.size = change.content.length;
        change.blobId = "b1";
        change.version = 4;
        byte[] payload = FileHeader.of(change).encode();
        assertTrue(payload.length < change.content.length + 120, "line starts and metadata, not the content");
        FileHeader header = FileHeader.decode(payload);
        assertEquals("pkg/m.py", header.path);
        assertEquals(ChangeKind.ADD, header.kind);
        assertEquals(4, header.version);
        assertEquals(ContentState.TEXT, header.content);
        assertEquals(change.content.length, header.length());
        var full = io.codeanatomy.span.LineIndex.of(change.content);
        assertArrayEquals(full.lineStarts(), header.lines.lineStarts());
        assertEquals(full.lineCount(), header.lines.lineCount());
        assertEquals(full.hasBom(), header.lines.hasBom());
        for (int offset = 0; offset <= change.content.length; offset++) {
            assertEquals(full.lineOf(offset), header.lines.lineOf(offset));
            var p = full.toPosition(offset, io.codeanatomy.span.PositionEncoding.CPYTHON_AST);
            assertEquals(full.toOffset(p, io.codeanatomy.span.PositionEncoding.CPYTHON_AST),
                    header.lines.toOffset(p, io.codeanatomy.span.PositionEncoding.CPYTHON_AST),
                    "CPython's byte columns map the same without the content, at offset " + offset);
        }
    }

    @Test
    void aPayloadOfANewerFormatOrAnotherKindIsRefusedWithAClearMessage() {
        byte[] cst = new CstEvidence(new FileExtraction(), null).encode();
        byte[] newer = Arrays.copyOf(cst, cst.length);
        ByteBuffer.wrap(newer).putInt(8, EvidenceFormat.CST.current() + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CstEvidence.decode(newer));
        assertTrue(e.getMessage().contains("newer build"), e.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> FileHeader.decode(cst));
        assertTrue(other.getMessage().contains("read as FILE_HEADER"), other.getMessage());
        assertEquals(1, EvidenceFormat.CST.versionOf(new byte[] {0, 0, 0, 4, 'r', 'e', 'p', 'o', 0, 0, 0, 0}),
                "a payload without the prefix is of format 1");
    }

    @Test
    void theCstLayerNeverShipsTheContent() {
        FileChange change = FileChange.add("repo", "m.py", "c1", "python", 0);
        String marker = "unmistakable_marker_" + "x".repeat(200);
        change.content = ("s = '" + marker + "'\n").getBytes(StandardCharsets.UTF_8);
        change.size = change.content.length;
        try (CstLayer layer = new CstLayer(false)) {
            byte[] payload = layer.evidence(change).payload;
            assertTrue(!new String(payload, StandardCharsets.ISO_8859_1).contains(marker), "no copy of the file's bytes");
        }
    }
}
