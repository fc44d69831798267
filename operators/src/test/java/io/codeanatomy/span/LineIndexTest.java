package io.codeanatomy.span;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LineIndexTest {
    private static LineIndex of(String s) {
        return LineIndex.of(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyLineEndingStartsANewLine() {
        LineIndex lines = of("a\nb\r\nc\rd");
        assertEquals(4, lines.lineCount());
        assertEquals(1, lines.lineOf(0));
        assertEquals(1, lines.lineOf(1)); // the LF itself belongs to line 1
        assertEquals(2, lines.lineOf(2));
        assertEquals(2, lines.lineOf(4)); // the LF of CRLF
        assertEquals(3, lines.lineOf(5));
        assertEquals(4, lines.lineOf(7));
        assertEquals(4, lines.lineOf(8)); // end of file
    }

    @Test
    void finalNewlineDoesNotOpenALine() {
        assertEquals(2, of("a\nb\n").lineCount());
        assertEquals(2, of("a\nb").lineCount());
        assertEquals(0, of("").lineCount());
        assertEquals(1, of("\n").lineCount());
    }

    @Test
    void bomAndMultibyteTextStayOnTheirLine() {
        byte[] bytes = "\uFEFFdef f():\n    return '😀'\n".getBytes(StandardCharsets.UTF_8);
        LineIndex lines = LineIndex.of(bytes);
        assertEquals(1, lines.lineOf(0));
        assertEquals(2, lines.lineOf(bytes.length - 2));
        assertEquals(12, lines.lineStart(2)); // 3 BOM bytes + "def f():\n"
    }

    @Test
    void spansEndOnTheLineOfTheirLastByte() {
        LineIndex lines = of("ab\ncd\n");
        assertEquals(1, lines.endLineOf(0, 3)); // "ab\n" ends with the newline of line 1
        assertEquals(2, lines.endLineOf(0, 4));
        assertEquals(2, lines.endLineOf(3, 3)); // an empty span sits on its start line
        assertThrows(IndexOutOfBoundsException.class, () -> lines.lineOf(7));
    }
}
