package io.codeanatomy.source;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobTest {
    @Test
    void doubleStarSlashAlsoMatchesTheTop() {
        Glob g = new Glob("**/tests/**");
        assertTrue(g.matches("tests/test_a.py"));
        assertTrue(g.matches("pkg/tests/sub/test_b.py"));
        assertFalse(g.matches("pkg/testsuite/a.py"));
    }

    @Test
    void singleStarStaysInOneSegment() {
        Glob g = new Glob("src/*.py");
        assertTrue(g.matches("src/a.py"));
        assertFalse(g.matches("src/pkg/a.py"));
        assertFalse(g.matches("other/src/a.py"));
    }

    @Test
    void patternWithoutSlashMatchesAtAnyDepth() {
        Glob g = new Glob("conftest.py");
        assertTrue(g.matches("conftest.py"));
        assertTrue(g.matches("a/b/conftest.py"));
        assertTrue(new Glob("/setup.py").matches("setup.py"));
        assertFalse(new Glob("/setup.py").matches("a/setup.py"));
        assertTrue(new Glob("test_?.py").matches("x/test_1.py"));
    }

    @Test
    void emptyPatternIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Glob(" "));
    }
}
