package io.codeanatomy.span;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Byte offsets to and from (line, column) in every unit and base; Java's own decoder is the oracle for broken UTF-8. */
class PositionConversionTest {
    private static final List<PositionEncoding> ENCODINGS = List.of(
            PositionEncoding.TREE_SITTER, PositionEncoding.CPYTHON_AST, PositionEncoding.SCIP, PositionEncoding.PYTHON_STR,
            new PositionEncoding(ColumnUnit.UTF16_UNITS, 1, 1), new PositionEncoding(ColumnUnit.CODE_POINTS, 0, 1));

    private static final String TEXT = "def grüße(名前, café):\r\n\treturn '😀 ok'  # emoji\rx = 1\n\n名 = \"中文\" ;";

    /** Offsets at every character boundary of a string's UTF-8 encoding. */
    private static int[] boundaries(String s) {
        int[] out = new int[s.codePointCount(0, s.length()) + 1];
        int bytes = 0;
        int k = 0;
        for (int i = 0; i < s.length(); ) {
            out[k++] = bytes;
            int cp = s.codePointAt(i);
            bytes += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            i += Character.charCount(cp);
        }
        out[k] = bytes;
        return out;
    }

    @Test
    void everyBoundaryRoundTripsInEveryEncoding() {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        LineIndex index = LineIndex.of(bytes);
        for (int offset : boundaries(TEXT)) {
            for (PositionEncoding e : ENCODINGS) {
                TextPosition p = index.toPosition(offset, e);
                assertEquals(offset, index.toOffset(p, e), "offset " + offset + " via " + p + " in " + e);
            }
        }
    }

    @Test
    void columnsAgreeWithJavasDecoder() {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        LineIndex index = LineIndex.of(bytes);
        String line2 = "\treturn '😀 ok'  # emoji";
        int lineStart = index.lineStart(2);
        String prefix = "\treturn '😀";
        long offset = lineStart + prefix.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(new TextPosition(1, prefix.getBytes(StandardCharsets.UTF_8).length), index.toPosition(offset, PositionEncoding.TREE_SITTER));
        assertEquals(new TextPosition(1, prefix.length()), index.toPosition(offset, PositionEncoding.SCIP), "emoji is 2 UTF-16 units");
        assertEquals(new TextPosition(2, prefix.codePointCount(0, prefix.length())),
                index.toPosition(offset, PositionEncoding.PYTHON_STR), "emoji is 1 code point");
        assertEquals(1, index.toPosition(lineStart + 1, PositionEncoding.TREE_SITTER).column, "a tab is one column");
        assertEquals(line2.length(), index.toPosition(lineStart + line2.getBytes(StandardCharsets.UTF_8).length,
                PositionEncoding.SCIP).column);

        // CJK on the last line (after an empty line): 3 bytes, 1 UTF-16 unit, 1 code point each.
        int last = index.lineStart(5);
        assertEquals(new TextPosition(4, 1), index.toPosition(last + 3, PositionEncoding.SCIP));
        assertEquals(new TextPosition(5, 3), index.toPosition(last + 3, PositionEncoding.CPYTHON_AST));
    }

    @Test
    void bomIsSkippedOnlyByLayersThatDecodeFirst() {
        byte[] bytes = ("\uFEFFx = 1\n").getBytes(StandardCharsets.UTF_8);
        LineIndex index = LineIndex.of(bytes);
        assertEquals(3, index.toOffset(new TextPosition(1, 0), PositionEncoding.CPYTHON_AST));
        assertEquals(0, index.toOffset(new TextPosition(0, 0), PositionEncoding.TREE_SITTER));
        assertEquals(new TextPosition(0, 1), index.toPosition(3, PositionEncoding.SCIP), "the BOM is one UTF-16 unit");
        assertEquals(new TextPosition(1, 0), index.toPosition(3, PositionEncoding.CPYTHON_AST));
    }

    @Test
    void invalidUtf8CountsWhatJavasDecoderCountsOneReplacementPerMaximalSubpart() {
        byte[] bytes = {'a', (byte) 0xE9, 'b', (byte) 0xF0, (byte) 0x9F, 'c', '\n'}; // Latin-1 é, a cut 4-byte lead
        LineIndex index = LineIndex.of(bytes);
        String decoded = new String(bytes, StandardCharsets.UTF_8); // U+FFFD per maximal invalid subpart
        int c = decoded.indexOf('c');
        assertEquals(4, c, "Java replaces the cut sequence F0 9F with one character");
        assertEquals(new TextPosition(0, c), index.toPosition(5, PositionEncoding.SCIP));
        assertEquals(5, index.toOffset(new TextPosition(0, c), PositionEncoding.SCIP));
    }

    /**
     * A surrogate's encoding (ED A0..BF ..) is invalid byte by byte, as CPython's decoder and Unicode's
     * recommended practice count it; Java's decoder alone folds it into one replacement, so it is left
     * out of the random test below.
     */
    @Test
    void anEncodedSurrogateCountsOneUnitPerByteAsCPythonCountsIt() {
        byte[] bytes = {(byte) 0xED, (byte) 0xA0, (byte) 0x80, 'x'}; // b'\\xed\\xa0\\x80x'.decode('utf-8', 'replace')
        assertEquals(new TextPosition(0, 3), LineIndex.of(bytes).toPosition(3, PositionEncoding.SCIP));
    }

    /** Random lines of valid and broken UTF-8: our unit counts equal Java's decoder's, in UTF-16 units and code points. */
    @Test
    void randomBytesCountTheUnitsJavasDecoderGives() {
        java.util.Random random = new java.util.Random(20261129);
        byte[][] pieces = {{'x'}, {(byte) 0xC3, (byte) 0xA9}, {(byte) 0xE2, (byte) 0x82, (byte) 0xAC},
                {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xC0},
                {(byte) 0xC2}, {(byte) 0xE0}, {(byte) 0xE0, (byte) 0x80}, {(byte) 0xF0},
                {(byte) 0xF0, (byte) 0x9F}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {(byte) 0xF4, (byte) 0x90},
                {(byte) 0xF5}, {(byte) 0xFF}};
        for (int round = 0; round < 5_000; round++) {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            for (int k = random.nextInt(12); k >= 0; k--) {
                line.writeBytes(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = line.toByteArray();
            String decoded = new String(bytes, StandardCharsets.UTF_8);
            LineIndex index = LineIndex.of(bytes);
            String hex = java.util.HexFormat.ofDelimiter(" ").formatHex(bytes);
            assertEquals(decoded.length(), index.toPosition(bytes.length, PositionEncoding.SCIP).column, hex);
            assertEquals(decoded.codePointCount(0, decoded.length()),
                    index.toPosition(bytes.length, PositionEncoding.PYTHON_STR).column, hex);
        }
    }

    @Test
    void endOfFileAndMissingFinalNewline() {
        LineIndex withNewline = LineIndex.of("a\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(new TextPosition(1, 0), withNewline.toPosition(2, PositionEncoding.TREE_SITTER));
        assertEquals(2, withNewline.toOffset(new TextPosition(1, 0), PositionEncoding.TREE_SITTER));
        LineIndex without = LineIndex.of("ab".getBytes(StandardCharsets.UTF_8));
        assertEquals(new TextPosition(1, 2), without.toPosition(2, PositionEncoding.CPYTHON_AST));
        LineIndex empty = LineIndex.of(new byte[0]);
        assertEquals(0, empty.toOffset(new TextPosition(1, 0), PositionEncoding.CPYTHON_AST));
        assertThrows(IllegalArgumentException.class, () -> without.toOffset(new TextPosition(0, 3), PositionEncoding.TREE_SITTER));
        assertThrows(IllegalArgumentException.class, () -> without.toOffset(new TextPosition(3, 0), PositionEncoding.TREE_SITTER));
    }

    @Test
    void aOneMegabyteLineConverts() {
        byte[] bytes = ("x = '" + "é".repeat(500_000) + "'\n").getBytes(StandardCharsets.UTF_8);
        LineIndex index = LineIndex.of(bytes);
        long end = bytes.length - 1;
        TextPosition p = index.toPosition(end, PositionEncoding.SCIP);
        assertEquals(500_006, p.column);
        assertEquals(end, index.toOffset(p, PositionEncoding.SCIP));
    }
}
