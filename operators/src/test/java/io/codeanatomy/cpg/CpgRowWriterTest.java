package io.codeanatomy.cpg;

import io.codeanatomy.cpg.python.PythonGraphRules;
import io.codeanatomy.evidence.ContentState;
import io.codeanatomy.evidence.FileHeader;

import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.schema.TableRow;
import io.codeanatomy.extract.ExtractionProblem;
import io.codeanatomy.extract.FileExtraction;
import io.codeanatomy.extract.python.PythonCstExtractor;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileChange;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CpgRowWriterTest {
    private static FileChange change(String path, byte[] content) {
        return PythonFileChanges.added(path, content);
    }

    private static List<Object[]> rows(OwnedRows r, String table) {
        return r.rows(CpgSchema.TABLES.position(table));
    }

    /** Source file → its rows, through the real tree-sitter layer. */
    private static OwnedRows build(String path, byte[] src) {
        try (PythonCstExtractor x = new PythonCstExtractor()) {
            return new CpgRowWriter().write(FileHeader.of(change(path, src)), x.extract(src), PythonGraphRules.INSTANCE);
        }
    }

    /** Edges of the given kinds as "KIND:name EDGE KIND:name" lines, sorted. */
    private static List<String> edges(OwnedRows r, java.util.Set<String> kinds) {
        java.util.Map<String, String> label = TableRow.all(CpgSchema.NODES_TABLE, rows(r, CpgSchema.NODES)).stream()
                .collect(Collectors.toMap(n -> n.string("node_id"), n -> n.string("kind") + ":" + n.string("name")));
        return TableRow.all(CpgSchema.EDGES_TABLE, rows(r, CpgSchema.EDGES)).stream()
                .filter(x -> kinds.contains(x.string("kind")))
                .map(x -> label.get(x.string("src_id")) + " " + x.string("kind") + " " + label.get(x.string("dst_id")))
                .sorted().collect(Collectors.toList());
    }

    @Test
    void containmentAndSyntaxEdgesFollowTheNesting() {
        byte[] src = "import os\nclass A:\n    def m(self):\n        os.f()\n".getBytes(StandardCharsets.UTF_8);
        OwnedRows r = build("pkg/__init__.py", src);
        assertEquals(List.of("CLASS:A CONTAINS FUNCTION:m", "FILE:pkg/__init__.py CONTAINS MODULE:pkg",
                "MODULE:pkg CONTAINS CLASS:A", "MODULE:pkg CONTAINS IMPORT:os"), edges(r, java.util.Set.of("CONTAINS")));
        assertEquals(1, rows(r, CpgSchema.FILES).size());
        assertEquals(4, CpgSchema.FILES_TABLE.row(rows(r, CpgSchema.FILES).get(0)).intValue("line_count"));
    }

    @Test
    void parametersDecoratorsAndDocstringsAreLinkedToTheirDefinitions() {
        byte[] src = "@cache\ndef f(a, b=1):\n    'doc'\n    return (lambda c: c)(a)\n".getBytes(StandardCharsets.UTF_8);
        List<String> edges = edges(build("m.py", src), java.util.Set.of("HAS_PARAMETER", "DECORATES", "DOCUMENTS"));
        assertEquals(List.of("DECORATOR:cache DECORATES FUNCTION:f", "DOCSTRING:null DOCUMENTS FUNCTION:f",
                "FUNCTION:f HAS_PARAMETER PARAMETER:a", "FUNCTION:f HAS_PARAMETER PARAMETER:b",
                "LAMBDA:null HAS_PARAMETER PARAMETER:c"), edges);
    }

    @Test
    void aFileNotReadStillHasItsFilesRowFileNodeAndAnError() {
        FileExtraction skipped = FileExtraction.skipped(FileExtraction.SKIPPED_TOO_LARGE,
                ExtractionProblem.wholeFile("source", "file_too_large", "too big"));
        OwnedRows r = new CpgRowWriter().write(FileHeader.of(change("huge.py", null)), skipped, PythonGraphRules.INSTANCE);
        Object[] file = rows(r, CpgSchema.FILES).get(0);
        assertEquals("skipped_too_large", CpgSchema.FILES_TABLE.row(file).get("parse_status"));
        assertNull(CpgSchema.FILES_TABLE.row(file).get("line_count"));
        assertEquals(1, rows(r, CpgSchema.NODES).size());
        Object[] error = rows(r, CpgSchema.ERRORS).get(0);
        assertEquals("file_too_large", CpgSchema.ERRORS_TABLE.row(error).get("code"));
        assertNull(CpgSchema.ERRORS_TABLE.row(error).get("bstart"));
    }

    @Test
    void binaryContentIsDetectedLikeGit() {
        assertEquals(true, ContentState.of(new byte[] {'a', 0, 'b'}) == ContentState.BINARY);
        assertEquals(false, ContentState.of("plain text".getBytes(StandardCharsets.UTF_8)) == ContentState.BINARY);
    }

    @Test
    void twoProblemsWithTheSameCodeAtTheSameSpanAreTwoRows() {
        byte[] src = "x = 1\n".getBytes(StandardCharsets.UTF_8);
        FileExtraction x = new FileExtraction();
        x.problems.add(new ExtractionProblem("parse", "syntax_error", "unexpected token", 0, 1));
        x.problems.add(new ExtractionProblem("parse", "syntax_error", "unexpected token", 0, 1));
        x.problems.add(new ExtractionProblem("parse", "syntax_error", "missing colon", 0, 1));
        OwnedRows r = new CpgRowWriter().write(FileHeader.of(change("twice.py", src)), x, PythonGraphRules.INSTANCE);
        List<Object[]> errors = rows(r, CpgSchema.ERRORS);
        assertEquals(3, errors.size());
        assertEquals(3, errors.stream().map(e -> CpgSchema.ERRORS_TABLE.row(e).string("error_id")).distinct().count(),
                "each problem has its own id (the table's key)");
    }
}
