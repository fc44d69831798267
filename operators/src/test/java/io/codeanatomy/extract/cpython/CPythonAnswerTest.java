package io.codeanatomy.extract.cpython;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The helper's answer lines, read token by token (the whole standard library: {@link CPythonAnswerBenchmark}). */
class CPythonAnswerTest {
    @Test
    void factsOfAnAnswer() throws IOException {
        CPythonAnswer a = CPythonAnswer.parse("{\"id\": 7, \"ok\": true, \"future\": {\"x\": [1, [2]]}, "
                + "\"ast\": [[\"Name\", 1, 0, 1, 3, \"Load\", \"abc\"], [\"Pass\", 2, 4, 2, 8, null, null]], "
                + "\"scopes\": [{\"type\": \"module\", \"name\": \"top\", \"lineno\": 0, "
                + "\"symbols\": [[\"abc\", [\"global\", \"referenced\"]], [\"f\", []]]}]}");
        assertEquals(7, a.id());
        CPythonFacts f = a.facts();
        assertEquals(CPythonFacts.Status.OK, f.status);
        assertEquals(2, f.ast.size());
        CPythonFacts.AstNode name = f.ast.get(0);
        assertEquals(List.of("Name", 1, 0, 1, 3, "Load", "abc"),
                List.of(name.type, name.line, name.column, name.endLine, name.endColumn, name.context, name.name));
        assertNull(f.ast.get(1).context);
        assertNull(f.ast.get(1).name);
        CPythonFacts.Scope scope = f.scopes.get(0);
        assertEquals(List.of("module", "top", 0), List.of(scope.type, scope.name, scope.line));
        assertEquals(List.of("global", "referenced"), scope.symbols.get(0).flags);
        assertEquals(List.of(), scope.symbols.get(1).flags);
    }

    @Test
    void errorsOfTheParserAreSyntaxErrorsAndOthersFailures() throws IOException {
        CPythonFacts indent = CPythonAnswer.parse("{\"id\": 1, \"ok\": false, \"error\": "
                + "{\"type\": \"IndentationError\", \"message\": \"unexpected indent\", \"lineno\": 4}}").facts();
        assertEquals(CPythonFacts.Status.SYNTAX_ERROR, indent.status);
        assertEquals("IndentationError: unexpected indent", indent.message);
        assertEquals(4, indent.errorLine);
        CPythonFacts other = CPythonAnswer.parse("{\"id\": 2, \"ok\": false, \"error\": {\"type\": \"RecursionError\"}}").facts();
        assertEquals(CPythonFacts.Status.FAILED, other.status);
        assertEquals("RecursionError: ", other.message);
    }

    @Test
    void aLineThatIsNotAnAnswerIsAnError() {
        for (String line : new String[] {
            "this is not json",
            "{\"ok\": true, \"ast\": [], \"scopes\": []}", // no id
            "{\"id\": 1, \"ok\": true, \"ast\": [[\"Name\", 1, 0, 1, 3, \"Load\"]], \"scopes\": []}", // six elements
            "{\"id\": 1, \"ok\": true, \"ast\": [[\"Name\", 1, 0, 1, 3, \"Load\", \"a\", \"b\"]], \"scopes\": []}",
            "{\"id\": 1, \"ok\": true, \"ast\": {}, \"scopes\": []}",
            "[1, 2]"}) {
            assertThrows(IOException.class, () -> CPythonAnswer.parse(line), line);
        }
    }
}
