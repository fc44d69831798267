package io.codeanatomy.extract.python;

import io.codeanatomy.cpg.NodeKind;
import io.codeanatomy.extract.ExtractedNode;
import io.codeanatomy.extract.FileExtraction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PythonCstExtractorTest {
    private final PythonCstExtractor extractor = new PythonCstExtractor();

    @AfterEach
    void close() {
        extractor.close();
    }

    private static List<ExtractedNode> of(FileExtraction e, NodeKind kind) {
        return e.nodes.stream().filter(n -> n.kind == kind).collect(Collectors.toList());
    }

    private static String text(byte[] src, ExtractedNode n) {
        return new String(src, n.bstart, n.bend - n.bstart, StandardCharsets.UTF_8);
    }

    @Test
    void definitionsParametersAndCallsWithByteSpansPastNonAsciiText() {
        byte[] src = ("# 注释 😀\n"
                + "@decorator\n"
                + "async def grüße(名前, café='naïve', *args: int, key: str = 'k', **kw):\n"
                + "    return print(名前, café)\n"
                + "class Ä(Base):\n"
                + "    f = lambda x, y=1: x.method(y)\n").getBytes(StandardCharsets.UTF_8);
        FileExtraction e = extractor.extract(src);
        assertEquals(FileExtraction.OK, e.parseStatus);

        ExtractedNode fn = of(e, NodeKind.FUNCTION).get(0);
        assertEquals("grüße", fn.name);
        assertTrue(text(src, fn).startsWith("async def grüße("), "span starts at async, not at the decorator");
        assertTrue(text(src, fn).endsWith("print(名前, café)"));
        assertEquals(Boolean.TRUE, fn.props.get("is_async"));

        assertEquals(List.of("名前", "café", "args", "key", "kw", "x", "y"),
                of(e, NodeKind.PARAMETER).stream().map(n -> n.name).collect(Collectors.toList()));
        assertEquals("café='naïve'", text(src, of(e, NodeKind.PARAMETER).get(1)));

        assertEquals("Ä", of(e, NodeKind.CLASS).get(0).name);
        assertEquals(List.of("print", "x.method"), of(e, NodeKind.CALL).stream().map(n -> n.name).collect(Collectors.toList()));
        for (ExtractedNode name : of(e, NodeKind.NAME)) {
            assertEquals(name.name, text(src, name), "a NAME span is exactly its identifier");
        }
    }

    @Test
    void decoratorsDocstringsCommentsAttributesLiteralsAndLambdas() {
        byte[] src = ("\"\"\"Module doc.\"\"\"\n"
                + "# a comment\n"
                + "@app.route('/x', methods=None)\n"
                + "def f(a):\n"
                + "    '''Function doc.'''\n"
                + "    return a.b.c + 1.5 + True\n"
                + "class K:\n"
                + "    \"\"\"Class doc.\"\"\"\n"
                + "    g = lambda y: y\n").getBytes(StandardCharsets.UTF_8);
        FileExtraction e = extractor.extract(src);
        assertEquals(List.of("app.route('/x', methods=None)"),
                of(e, NodeKind.DECORATOR).stream().map(n -> n.name).collect(Collectors.toList()));
        assertEquals(List.of("\"\"\"Module doc.\"\"\"", "'''Function doc.'''", "\"\"\"Class doc.\"\"\""),
                of(e, NodeKind.DOCSTRING).stream().map(n -> text(src, n)).collect(Collectors.toList()));
        assertEquals(List.of("# a comment"), of(e, NodeKind.COMMENT).stream().map(n -> text(src, n)).collect(Collectors.toList()));
        assertEquals(List.of("route", "b", "c"), of(e, NodeKind.ATTRIBUTE).stream().map(n -> n.name).sorted(
                java.util.Comparator.comparing((String x) -> !x.equals("route")).thenComparing(x -> x)).collect(Collectors.toList()));
        assertEquals(List.of("string", "string", "none", "string", "float", "true", "string"),
                of(e, NodeKind.LITERAL).stream().sorted(java.util.Comparator.comparingInt(n -> n.bstart))
                        .map(n -> (String) n.props.get("literal_type")).collect(Collectors.toList()));
        assertEquals("lambda y: y", text(src, of(e, NodeKind.LAMBDA).get(0)));
    }

    @Test
    void importsOfEveryForm() {
        byte[] src = ("import os.path as p, sys\n"
                + "from . import sibling\n"
                + "from ..pkg.mod import (a, b as c)\n"
                + "from json import *\n"
                + "from __future__ import annotations\n").getBytes(StandardCharsets.UTF_8);
        FileExtraction e = extractor.extract(src);
        assertEquals(List.of("os.path", "sys", ".sibling", "..pkg.mod.a", "..pkg.mod.b", "json.*", "__future__.annotations"),
                of(e, NodeKind.IMPORT).stream().map(n -> n.name).collect(Collectors.toList()));
        assertEquals("p", of(e, NodeKind.IMPORT).get(0).props.get("alias"));
        assertEquals("c", of(e, NodeKind.IMPORT).get(4).props.get("alias"));
        assertEquals("..pkg.mod", of(e, NodeKind.IMPORT).get(3).props.get("from_module"));
    }

    @Test
    void syntaxErrorsBecomeErrorNodesAndProblemsWhileTheRestIsKept() {
        byte[] src = "def broken(x:\n    return x\n\ndef fine():\n    pass\n".getBytes(StandardCharsets.UTF_8);
        FileExtraction e = extractor.extract(src);
        assertEquals(FileExtraction.SYNTAX_ERRORS, e.parseStatus);
        assertFalse(of(e, NodeKind.ERROR).isEmpty());
        assertFalse(e.problems.isEmpty());
        assertTrue(e.problems.stream().allMatch(p -> p.hasSpan() && p.stage.equals("parse")));
        assertTrue(of(e, NodeKind.FUNCTION).stream().anyMatch(n -> "fine".equals(n.name)), "later definitions survive");
    }

    @Test
    void invalidUtf8AndEmptyInputDoNotThrow() {
        byte[] latin1 = "name = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1);
        FileExtraction e = extractor.extract(latin1);
        ExtractedNode name = of(e, NodeKind.NAME).get(0);
        assertEquals(0, name.bstart);
        assertEquals(4, name.bend);
        assertEquals(FileExtraction.OK, extractor.extract(new byte[0]).parseStatus);
    }

    @Test
    void theWholeTreeIsKeptAsSyntaxNodesNamedByGrammarType() {
        byte[] src = ("if a:\n    b = [x for x in c]\nelse:\n    raise E(f'{d!r}')\n").getBytes(StandardCharsets.UTF_8);
        FileExtraction full = extractor.extract(src);
        List<String> syntax = of(full, NodeKind.SYNTAX).stream().map(n -> n.name).collect(Collectors.toList());
        for (String type : List.of("if_statement", "block", "expression_statement", "assignment", "list_comprehension",
                "for_in_clause", "else_clause", "raise_statement", "argument_list", "interpolation", "type_conversion")) {
            assertTrue(syntax.contains(type), type + " in " + syntax);
        }
        assertFalse(syntax.contains("string_start") || syntax.contains("string_content"),
                "a literal's lexical pieces are part of its LITERAL node");
        assertEquals(List.of(), of(extractor.extract(src, false), NodeKind.SYNTAX), "typed mode keeps no SYNTAX nodes");
        assertEquals(full.tree.size(), extractor.extract(src, false).tree.size(), "the same tree either way");
    }

    @Test
    void docstringsAreWhatCPythonCallsDocstrings() {
        byte[] src = ("# leading comment\n\"\"\"module doc\"\"\"\n"
                + "def f():\n    f'not {a} docstring'\n"
                + "def g():\n    'doc' 'concatenated'\n"
                + "class C:\n    x = 1\n    'not the first statement'\n").getBytes(StandardCharsets.UTF_8);
        List<String> docs = of(extractor.extract(src), NodeKind.DOCSTRING).stream().map(n -> text(src, n))
                .collect(Collectors.toList());
        assertEquals(List.of("\"\"\"module doc\"\"\"", "'doc' 'concatenated'"), docs);
    }
}
