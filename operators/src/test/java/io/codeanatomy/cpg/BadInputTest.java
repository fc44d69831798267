package io.codeanatomy.cpg;

import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.extract.cpython.CPythonFactsCodec;
import io.codeanatomy.extract.cpython.CPythonHelper;
import io.codeanatomy.lang.LanguageFrontends;

import io.codeanatomy.extract.CstLayer;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileChange;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated hostile files through every layer the job runs (the CST layer with its scope analysis, the
 * CPython helper) and the fusion: each gives a files row and, where something is wrong, extract_errors
 * rows; none throws or crashes the JVM.
 */
class BadInputTest {
    private static final LanguageFrontends FRONTENDS = LanguageFrontends.all();
    static CstLayer cst;
    static CPythonHelper python;

    @BeforeAll
    static void open() {
        cst = new CstLayer(FRONTENDS, true);
        python = CPythonHelper.withDefaults();
    }

    @AfterAll
    static void close() {
        cst.close();
        python.close();
    }

    /** The file through every layer the job runs on it (CST with scopes, CPython) and the fusion. */
    private OwnedRows index(String path, byte[] content) {
        FileChange change = FileChange.add("r", path, null, "python", content.length);
        change.content = content;
        change.blobId = "0".repeat(40);
        FileHeader header = FileHeader.of(change);
        Map<EvidenceLayer, byte[]> layers = new EnumMap<>(EvidenceLayer.class);
        layers.put(EvidenceLayer.CST, cst.evidence(change).payload);
        if (FRONTENDS.layers(header, EnumSet.of(EvidenceLayer.CST, EvidenceLayer.CPYTHON)).contains(EvidenceLayer.CPYTHON)) {
            layers.put(EvidenceLayer.CPYTHON, CPythonFactsCodec.encode(python.facts(path, content)));
        }
        OwnedRows rows = FRONTENDS.rows(header, layers, Set.of());
        assertEquals(1, rows.rows(CpgSchema.TABLES.position(CpgSchema.FILES)).size());
        return rows;
    }

    private static String status(OwnedRows rows) {
        return CpgSchema.FILES_TABLE.row(rows.rows(CpgSchema.TABLES.position(CpgSchema.FILES)).get(0)).string("parse_status");
    }

    private static int errors(OwnedRows rows) {
        return rows.rows(CpgSchema.TABLES.position(CpgSchema.ERRORS)).size();
    }

    @Test
    void deepNestingDoesNotOverflowAnything() {
        String deep = "x = " + "(".repeat(50_000) + "1" + ")".repeat(50_000) + "\n"
                + "def f():\n" + "    if x:\n".repeat(1) + "        pass\n";
        OwnedRows rows = index("deep.py", deep.getBytes(StandardCharsets.UTF_8));
        assertFalse(status(rows).equals("failed"));
        StringBuilder blocks = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            blocks.append("    ".repeat(i)).append("if x:\n");
        }
        blocks.append("    ".repeat(3_000)).append("pass\n");
        OwnedRows nested = index("blocks.py", blocks.toString().getBytes(StandardCharsets.UTF_8));
        assertFalse(status(nested).equals("failed"), "3,000 nested blocks (more than CPython accepts) still parse");
    }

    /**
     * Slow suite: about 80 s on 2 cores (dense generated code: over a million nodes). The tree-sitter
     * extraction and the row writer only: the scope layer's model and CPython's answer for this file
     * (millions of occurrences and ast nodes, each held whole) do not fit the 3 GB test heap next to it,
     * a known limit (docs/evidence-layers.md, "Hostile input").
     */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void aTenMegabyteGeneratedFile() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; big.length() < 10_000_000; i++) {
            big.append("def f").append(i).append("(a, b=").append(i).append("):\n    return g(a) + h(b)\n");
        }
        byte[] content = big.toString().getBytes(StandardCharsets.UTF_8);
        FileChange change = FileChange.add("r", "generated.py", null, "python", content.length);
        change.content = content;
        OwnedRows rows;
        try (var extractor = FRONTENDS.of("python").orElseThrow().newCstExtractor()) {
            var extraction = extractor.extract(content, content.length <= CstLayer.FULL_CST_MAX_BYTES);
            extraction.tree = null;
            rows = new CpgRowWriter().write(FileHeader.of(change), extraction, io.codeanatomy.cpg.python.PythonGraphRules.INSTANCE);
        }
        assertEquals("ok", status(rows));
        assertTrue(rows.rows(CpgSchema.TABLES.position(CpgSchema.NODES)).size() > 1_000_000);
    }

    @Test
    void aOneMegabyteLine() {
        String longLine = "data = [" + "1, ".repeat(350_000) + "]\n";
        assertTrue(longLine.length() > 1_000_000);
        assertEquals("ok", status(index("long.py", longLine.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void emptyBinaryInvalidUtf8AndDeclaredEncodings() {
        assertEquals("ok", status(index("empty.py", new byte[0])));
        assertEquals("skipped_binary", status(index("nul.py", "x = 1\u0000\n".getBytes(StandardCharsets.UTF_8))));
        OwnedRows invalid = index("invalid.py", new byte[] {'x', ' ', '=', ' ', '\'', (byte) 0xff, (byte) 0xfe, '\'', '\n'});
        assertFalse(status(invalid).equals("failed"));
        byte[] latin1 = "# -*- coding: latin-1 -*-\nname = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1);
        OwnedRows declared = index("latin1.py", latin1);
        assertEquals("ok", status(declared));
        assertTrue(declared.rows(CpgSchema.TABLES.position(CpgSchema.NODES)).stream()
                .anyMatch(r -> "name".equals(CpgSchema.NODES_TABLE.row(r).string("name"))));
    }

    @Test
    void aSyntaxErrorInEveryKindOfStatementIsReportedWithItsPlace() {
        List<String> broken = List.of("def f(:\n", "class C(:\n", "if x\n    pass\n", "for in y:\n    pass\n",
                "while :\n    pass\n", "with open(x) as:\n    pass\n", "try:\n    pass\nexcept (:\n    pass\n",
                "import\n", "from . import\n", "return (\n", "x = [1, 2\n", "lambda: :\n", "@\ndef f(): pass\n",
                "match x:\n    case :\n        pass\n", "async def f(:\n", "x +=\n", "del\n", "global\n", "assert\n",
                "raise from\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String snippet : broken) {
            OwnedRows rows = index("s.py", snippet.getBytes(StandardCharsets.UTF_8));
            assertEquals("syntax_errors", status(rows), snippet);
            assertTrue(errors(rows) >= 1, snippet);
            all.writeBytes(("x = 1\n" + snippet).getBytes(StandardCharsets.UTF_8));
        }
        OwnedRows together = index("all.py", all.toByteArray());
        assertEquals("syntax_errors", status(together));
        assertTrue(errors(together) >= 5);
    }
}
