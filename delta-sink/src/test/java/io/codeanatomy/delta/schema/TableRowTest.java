package io.codeanatomy.delta.schema;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableRowTest {
    @Test
    void readsEveryTypeByName() {
        TableRow row = AllColumnTypes.SPEC.row(new Object[] {"r", "p.py", "x", 7L, 3, true, 0.25});
        assertEquals("x", row.string("id"));
        assertEquals(7L, row.longValue("n"));
        assertEquals(3, row.intValue("i"));
        assertEquals(true, row.bool("b"));
        assertEquals(0.25, row.dbl("d"));
        assertEquals("p.py", row.get("path"));
    }

    @Test
    void nullsComeBackAsNull() {
        TableRow row = AllColumnTypes.SPEC.row(new Object[] {"r", "p.py", "x", null, null, null, null});
        assertTrue(row.isNull("n"));
        assertNull(row.longValue("n"));
    }

    @Test
    void unknownColumnOrWrongTypeFailsNamingTheColumn() {
        TableRow row = AllColumnTypes.SPEC.row(new Object[] {"r", "p.py", "x", 7L, 3, true, 0.25});
        assertEquals("table t has no column nope",
                assertThrows(IllegalArgumentException.class, () -> row.string("nope")).getMessage());
        assertEquals("table t: column n is LONG, not STRING",
                assertThrows(IllegalArgumentException.class, () -> row.string("n")).getMessage());
    }
}
