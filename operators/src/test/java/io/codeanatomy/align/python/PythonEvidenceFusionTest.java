package io.codeanatomy.align.python;

import io.codeanatomy.align.EvidenceLayer;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.extract.CstEvidence;
import io.codeanatomy.extract.cpython.CPythonFacts;
import io.codeanatomy.extract.cpython.CPythonFactsCodec;
import io.codeanatomy.extract.cpython.CPythonHelper;
import io.codeanatomy.extract.python.PythonCstExtractor;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileChange;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Fusion of the real tree-sitter layer with CPython's real answers, read back as CPG rows. */
class PythonEvidenceFusionTest {
    private static CPythonHelper python;

    @BeforeAll
    static void startPython() {
        python = CPythonHelper.withDefaults();
        assumeTrue(python.facts("probe.py", new byte[0]).status == CPythonFacts.Status.OK, "python3 is not available");
    }

    @AfterAll
    static void stopPython() {
        if (python != null) {
            python.close();
        }
    }

    @Test
    void astTypesAndContextsLandOnTheCstNodes() {
        Graph g = fuse("x = y\ndel x\nprint(x.attr)\n", null);
        assertEquals("store", g.prop("NAME", "x", 0, "ast_ctx"));
        assertEquals("load", g.prop("NAME", "y", 0, "ast_ctx"));
        assertEquals("del", g.prop("NAME", "x", 1, "ast_ctx"));
        assertEquals("Call", g.prop("CALL", "print", 0, "ast_type"));
        assertEquals("Attribute", g.prop("ATTRIBUTE", "attr", 0, "ast_type"));
        assertEquals("Assign", g.prop("SYNTAX", "assignment", 0, "ast_type"));
        assertEquals(List.of(), g.errors);
    }

    @Test
    void callsAndNamesAreEnclosedByTheirInnermostDefinition() {
        Graph g = fuse("class A:\n    def m(self):\n        return len(self)\n\nA().m()\n", null);
        assertEquals("FUNCTION:m", g.enclosedBy("CALL", "len", 0));
        assertEquals("FUNCTION:m", g.enclosedBy("NAME", "self", 1));
        assertEquals("MODULE:a", g.enclosedBy("CALL", "A", 0));
        assertEquals("FUNCTION:m", g.enclosedBy("NAME", "m", 0), "a def's own name lies inside the def's span");
    }

    @Test
    void disagreementsBetweenTheLayersAreKeptNotDropped() {
        // CPython saw a version where g is a plain assignment and h() is called: each layer has
        // something the other lacks, at the same places.
        String cst = "def g(): pass\nvalue = 12345\n";
        String ast = "g = None\nvalue = h()\n";
        Graph g = fuse(cst, ast);
        assertTrue(String.valueOf(g.prop("FUNCTION", "g", 0, "layer_disagreement")).contains("FunctionDef"));
        assertTrue(g.errors.stream().anyMatch(e -> e.startsWith("align/layer_disagreement") && e.contains("Call")),
                String.valueOf(g.errors));
    }

    @Test
    void pep263FilesAlignOnTheirRawBytes() {
        byte[] latin1 = "# -*- coding: latin-1 -*-\ns = 'caf\u00e9'; t = s + '\u00e9\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1);
        Graph g = fuse(latin1, latin1);
        assertEquals("store", g.prop("NAME", "t", 0, "ast_ctx"), "columns after non-ASCII text still line up");
        assertEquals("load", g.prop("NAME", "s", 1, "ast_ctx"));
        assertEquals(List.of(), g.errors);
    }

    @Test
    void whatCPythonRejectsIsRecordedAndTheCstLayerCarriesTheFile() {
        Graph g = fuse("print 'hello'\ndef ok():\n    return 1\n", null);
        assertTrue(g.errors.stream().anyMatch(e -> e.startsWith("cpython/syntax_error")), String.valueOf(g.errors));
        assertTrue(g.kinds.contains("FUNCTION:ok"));
    }

    @Test
    void withoutPythonTheFileIsIndexedAndTheLayerSaysWhy() {
        try (CPythonHelper missing = new CPythonHelper("/nonexistent/python3", Duration.ofSeconds(5), 1)) {
            byte[] src = "def f():\n    return 1\n".getBytes(StandardCharsets.UTF_8);
            Graph g = new Graph(fuse(src, missing.facts("a.py", src)));
            assertTrue(g.errors.stream().anyMatch(e -> e.startsWith("cpython/unavailable")), String.valueOf(g.errors));
            assertTrue(g.kinds.contains("FUNCTION:f"));
        }
    }

    private static Graph fuse(String cst, String astSource) {
        byte[] c = cst.getBytes(StandardCharsets.UTF_8);
        return fuse(c, astSource == null ? c : astSource.getBytes(StandardCharsets.UTF_8));
    }

    private static Graph fuse(byte[] cst, byte[] astSource) {
        return new Graph(fuse(cst, python.facts("a.py", astSource)));
    }

    private static OwnedRows fuse(byte[] content, CPythonFacts facts) {
        FileChange change = FileChange.add("repo", "a.py", "c1", "python", content.length);
        change.content = content;
        change.blobId = "b1";
        Map<EvidenceLayer, byte[]> layers = new EnumMap<>(EvidenceLayer.class);
        try (PythonCstExtractor extractor = new PythonCstExtractor()) {
            layers.put(EvidenceLayer.CST, new CstEvidence(change, extractor.extract(content)).encode());
        }
        layers.put(EvidenceLayer.CPYTHON, CPythonFactsCodec.encode(facts));
        return new PythonEvidenceFusion().fuse("repo", "a.py", layers, Set.of());
    }

    /** The fused rows, indexed for questions by (kind, name, n-th occurrence in source order). */
    private static final class Graph {
        final Map<String, Object[]> nodesById = new HashMap<>();
        final List<Object[]> nodes = new ArrayList<>();
        final List<String> kinds = new ArrayList<>();
        final Map<String, Map<String, Object>> props = new HashMap<>();
        final Map<String, String> enclosedBy = new HashMap<>();
        final List<String> errors = new ArrayList<>();
        final TableSpec n = CpgSchema.NODES_TABLE;

        Graph(OwnedRows rows) {
            for (Object[] r : rows.rows(CpgSchema.TABLES.position(CpgSchema.NODES))) {
                nodes.add(r);
                nodesById.put((String) r[n.index("node_id")], r);
                kinds.add(r[n.index("kind")] + ":" + r[n.index("name")]);
            }
            nodes.sort((a, b) -> Long.compare((Long) a[n.index("bstart")], (Long) b[n.index("bstart")]));
            TableSpec p = CpgSchema.PROPS_TABLE;
            for (Object[] r : rows.rows(CpgSchema.TABLES.position(CpgSchema.PROPS))) {
                Object v = r[p.index("value_string")] != null ? r[p.index("value_string")]
                        : r[p.index("value_long")] != null ? r[p.index("value_long")] : r[p.index("value_bool")];
                props.computeIfAbsent((String) r[p.index("entity_id")], k -> new HashMap<>()).put((String) r[p.index("key")], v);
            }
            TableSpec e = CpgSchema.EDGES_TABLE;
            for (Object[] r : rows.rows(CpgSchema.TABLES.position(CpgSchema.EDGES))) {
                if ("ENCLOSED_BY".equals(r[e.index("kind")])) {
                    Object[] dst = nodesById.get((String) r[e.index("dst_id")]);
                    enclosedBy.put((String) r[e.index("src_id")], dst[n.index("kind")] + ":" + dst[n.index("name")]);
                }
            }
            TableSpec x = CpgSchema.ERRORS_TABLE;
            for (Object[] r : rows.rows(CpgSchema.TABLES.position(CpgSchema.ERRORS))) {
                errors.add(r[x.index("stage")] + "/" + r[x.index("code")] + ": " + r[x.index("message")]);
            }
        }

        String id(String kind, String name, int nth) {
            int seen = 0;
            for (Object[] r : nodes) {
                if (kind.equals(r[n.index("kind")]) && name.equals(r[n.index("name")]) && seen++ == nth) {
                    return (String) r[n.index("node_id")];
                }
            }
            throw new AssertionError("no " + kind + " " + name + " #" + nth + " in " + kinds);
        }

        Object prop(String kind, String name, int nth, String key) {
            return props.getOrDefault(id(kind, name, nth), Map.of()).get(key);
        }

        String enclosedBy(String kind, String name, int nth) {
            return enclosedBy.get(id(kind, name, nth));
        }
    }
}
