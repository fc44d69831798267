package io.codeanatomy.align.python;

import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.extract.CstLayer;
import io.codeanatomy.extract.cpython.CPythonFacts;
import io.codeanatomy.extract.cpython.CPythonFactsCodec;
import io.codeanatomy.extract.cpython.CPythonHelper;
import io.codeanatomy.extract.cpython.InstalledPython;
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

/** Fusion of the real tree-sitter layer with CPython's real answers, read back as CPG rows. */
class PythonEvidenceFusionTest {
    private static CPythonHelper python;

    @BeforeAll
    static void startPython() {
        python = InstalledPython.helper();
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
    void namesReferToTheirBindingsAndSymtableConfirmsThem() {
        Graph g = fuse("import os\ncount = 0\ndef f(a, b=count):\n    global count\n    count += a\n"
                + "    return len(os.sep) + b\nclass C:\n    x = 1\n    def m(self):\n        return x\n", null);
        assertEquals("PARAMETER:a", g.refersTo("NAME", "a", 1));
        assertEquals("VARIABLE:count", g.refersTo("NAME", "count", 1), "a default is evaluated in the module");
        assertEquals("VARIABLE:count", g.refersTo("NAME", "count", 2), "a global statement's name refers to the module's");
        assertEquals("declare", g.edgeProp("NAME", "count", 2, "access"));
        assertEquals("global", g.edgeProp("NAME", "count", 2, "resolution"));
        assertEquals("VARIABLE:count", g.refersTo("NAME", "count", 3));
        assertEquals("write", g.edgeProp("NAME", "count", 3, "access"));
        assertEquals("global", g.edgeProp("NAME", "count", 3, "resolution"));
        assertEquals("VARIABLE:os", g.refersTo("NAME", "os", 1));
        assertEquals("EXTERNAL:builtins.len", g.refersTo("NAME", "len", 0));
        assertEquals("EXTERNAL:x", g.refersTo("NAME", "x", 1), "class attributes are not visible in methods");
        assertEquals("VARIABLE:x", g.refersTo("NAME", "x", 0));
        assertTrue(g.confidences.stream().allMatch(c -> c == 1.0), "symtable agrees with every resolution: " + g.confidences);
        assertTrue(String.valueOf(g.prop("VARIABLE", "count", 0, "symtable_flags")).contains("assigned"));
        assertEquals("assign,global", g.prop("VARIABLE", "count", 0, "binding_sites"));
        assertTrue(String.valueOf(g.prop("PARAMETER", "self", 0, "symtable_flags")).contains("parameter"));
        assertEquals(Set.of("MODULE:a>VARIABLE:os", "MODULE:a>VARIABLE:count", "MODULE:a>VARIABLE:f", "MODULE:a>VARIABLE:C",
                "CLASS:C>VARIABLE:x", "CLASS:C>VARIABLE:m"), g.declares);
    }

    @Test
    void withoutSymtableTheScopeLayerStandsAloneAtLowerConfidence() {
        try (CPythonHelper missing = new CPythonHelper("/nonexistent/python3", Duration.ofSeconds(5), 1)) {
            byte[] src = "def f(a):\n    return a\n".getBytes(StandardCharsets.UTF_8);
            Graph g = new Graph(fuse(src, missing.facts("a.py", src)));
            assertEquals("PARAMETER:a", g.refersTo("NAME", "a", 1));
            assertTrue(g.confidences.stream().allMatch(c -> c == 0.9), String.valueOf(g.confidences));
        }
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
        try (CstLayer cst = new CstLayer(true)) {
            layers.put(EvidenceLayer.CST, cst.evidence(change).payload);
        }
        layers.put(EvidenceLayer.CPYTHON, CPythonFactsCodec.encode(facts));
        return new PythonEvidenceFusion().fuse(FileHeader.of(change), layers, Set.of());
    }

    /** The fused rows, indexed for questions by (kind, name, n-th occurrence in source order). */
    private static final class Graph {
        final Map<String, Object[]> nodesById = new HashMap<>();
        final List<Object[]> nodes = new ArrayList<>();
        final List<String> kinds = new ArrayList<>();
        final Map<String, Map<String, Object>> props = new HashMap<>();
        final Map<String, String> enclosedBy = new HashMap<>();
        final Map<String, String> refersTo = new HashMap<>();
        final Map<String, String> refersToEdge = new HashMap<>();
        final Set<String> declares = new java.util.TreeSet<>();
        final List<Double> confidences = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final TableSpec n = CpgSchema.NODES_TABLE;

        Graph(OwnedRows rows) {
            for (Object[] r : rows.rows(CpgSchema.TABLES.position(CpgSchema.NODES))) {
                nodes.add(r);
                nodesById.put(n.row(r).string("node_id"), r);
                kinds.add(n.row(r).get("kind") + ":" + n.row(r).get("name"));
            }
            nodes.sort((a, b) -> Long.compare(n.row(a).longValue("bstart"), n.row(b).longValue("bstart")));
            TableSpec p = CpgSchema.PROPS_TABLE;
            for (Object[] r : rows.rows(CpgSchema.TABLES.position(CpgSchema.PROPS))) {
                Object v = p.row(r).get("value_string") != null ? p.row(r).get("value_string")
                        : p.row(r).get("value_long") != null ? p.row(r).get("value_long") : p.row(r).get("value_bool");
                props.computeIfAbsent(p.row(r).string("entity_id"), k -> new HashMap<>()).put(p.row(r).string("key"), v);
            }
            TableSpec e = CpgSchema.EDGES_TABLE;
            for (Object[] r : rows.rows(CpgSchema.TABLES.position(CpgSchema.EDGES))) {
                Object[] dst = nodesById.get(e.row(r).string("dst_id"));
                Object[] src = nodesById.get(e.row(r).string("src_id"));
                String dstText = n.row(dst).get("kind") + ":" + n.row(dst).get("name");
                if ("ENCLOSED_BY".equals(e.row(r).get("kind"))) {
                    enclosedBy.put(e.row(r).string("src_id"), dstText);
                } else if ("REFERS_TO".equals(e.row(r).get("kind"))) {
                    refersTo.put(e.row(r).string("src_id"), dstText);
                    refersToEdge.put(e.row(r).string("src_id"), e.row(r).string("edge_id"));
                    confidences.add(e.row(r).dbl("confidence"));
                } else if ("DECLARES".equals(e.row(r).get("kind"))) {
                    declares.add(n.row(src).get("kind") + ":" + n.row(src).get("name") + ">" + dstText);
                }
            }
            TableSpec x = CpgSchema.ERRORS_TABLE;
            for (Object[] r : rows.rows(CpgSchema.TABLES.position(CpgSchema.ERRORS))) {
                errors.add(x.row(r).get("stage") + "/" + x.row(r).get("code") + ": " + x.row(r).get("message"));
            }
        }

        String id(String kind, String name, int nth) {
            int seen = 0;
            for (Object[] r : nodes) {
                if (kind.equals(n.row(r).get("kind")) && name.equals(n.row(r).get("name")) && seen++ == nth) {
                    return n.row(r).string("node_id");
                }
            }
            throw new AssertionError("no " + kind + " " + name + " #" + nth + " in " + kinds);
        }

        Object prop(String kind, String name, int nth, String key) {
            return props.getOrDefault(id(kind, name, nth), Map.of()).get(key);
        }

        String refersTo(String kind, String name, int nth) {
            return refersTo.get(id(kind, name, nth));
        }

        Object edgeProp(String kind, String name, int nth, String key) {
            return props.getOrDefault(refersToEdge.get(id(kind, name, nth)), Map.of()).get(key);
        }

        String enclosedBy(String kind, String name, int nth) {
            return enclosedBy.get(id(kind, name, nth));
        }
    }
}
