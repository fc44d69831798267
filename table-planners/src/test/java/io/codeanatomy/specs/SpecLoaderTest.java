package io.codeanatomy.specs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Specs load, and a bad one fails naming the spec and the field. */
class SpecLoaderTest {
    private static final String GOOD = """
            {"name": "x", "emits": {"kind": "ENCLOSED_BY", "origin": "align", "confidence": 1.0},
             "inputs": {"inner": {"table": "cpg_nodes", "where": "kind = 'CALL'"}, "outer": {"table": "cpg_nodes"}},
             "join": {"left": "inner", "right": "outer", "on": [["repo", "repo"], ["path", "path"]],
                      "span": "right_contains_left", "keep": "nearest"},
             "edge": {"src": "node_id", "dst": "node_id"}}""";

    @Test
    void theShippedSpecLoadsAndCompilesToTheEdgeColumns() {
        RelationshipSpec spec = SpecLoader.shipped("enclosed_by");
        assertEquals("ENCLOSED_BY", spec.emits().kind());
        assertEquals(RelationshipSpec.Keep.NEAREST, spec.join().keep());
        String sql = SpecCompiler.sql(spec);
        assertTrue(sql.startsWith("SELECT repo, path, CONCAT(SUBSTR(SHA2("), sql);
        assertTrue(sql.contains("ROW_NUMBER() OVER (PARTITION BY l.`node_id` ORDER BY r.bend - r.bstart"), sql); // per left row (its key)
        assertEquals("x", SpecLoader.parse(GOOD, "good.json").name());
    }

    @Test
    void aBadSpecIsRefusedNamingTheField() {
        assertEquals("x: inputs.outer.table: 'nodes' is not a CPG table",
                message(GOOD.replace("\"outer\": {\"table\": \"cpg_nodes\"}", "\"outer\": {\"table\": \"nodes\"}")).split(" \\(")[0]);
        assertEquals("x: join.on[1][0]: cpg_nodes has no column 'file'", message(GOOD.replace("[\"path\", \"path\"]", "[\"file\", \"path\"]")));
        assertEquals("x: join.span: 'inside' is not one of [none, right_contains_left, left_contains_right, overlaps]",
                message(GOOD.replace("right_contains_left", "inside")));
        assertEquals("x: emits.confidence: must be in [0, 1], is 2.0", message(GOOD.replace("1.0}", "2.0}")));
        assertTrue(message(GOOD.replace("\"edge\"", "\"edges\"")).startsWith("good.json: edges: unknown field"));
        assertTrue(message("{").startsWith("good.json: not JSON"));
        assertEquals("x: join.left: 'inside' is not an input ([inner, outer])", message(GOOD.replace("\"left\": \"inner\"", "\"left\": \"inside\"")));
    }

    private static String message(String json) {
        return assertThrows(SpecException.class, () -> SpecLoader.parse(json, "good.json")).getMessage();
    }
}
