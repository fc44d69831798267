package io.codeanatomy.lang;

import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.evidence.ContentState;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.ChangeKind;
import io.codeanatomy.source.FileChange;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the frontends decide for every language: which layers a file version sends, and generic deletes. */
class LanguageFrontendsTest {
    private final LanguageFrontends frontends = LanguageFrontends.all();
    private final Set<EvidenceLayer> all = EnumSet.of(EvidenceLayer.CST, EvidenceLayer.CPYTHON);

    @Test
    void aReadablePythonFileSendsEveryLayerAndNothingElseReachesPython() {
        assertEquals(EnumSet.of(EvidenceLayer.HEADER, EvidenceLayer.CST, EvidenceLayer.CPYTHON),
                frontends.layers("python", ChangeKind.MODIFY, ContentState.TEXT, all));
        assertEquals(EnumSet.of(EvidenceLayer.HEADER, EvidenceLayer.CST),
                frontends.layers("python", ChangeKind.ADD, ContentState.BINARY, all), "a binary file is not parsed by CPython");
        assertEquals(EnumSet.of(EvidenceLayer.HEADER, EvidenceLayer.CST),
                frontends.layers("python", ChangeKind.ADD, ContentState.NOT_READ, all));
        assertEquals(EnumSet.of(EvidenceLayer.HEADER, EvidenceLayer.CST),
                frontends.layers("python", ChangeKind.ADD, ContentState.TEXT, EnumSet.of(EvidenceLayer.CST)),
                "--cpython off");
        assertEquals(EnumSet.of(EvidenceLayer.HEADER),
                frontends.layers("python", ChangeKind.DELETE, ContentState.NOT_READ, all), "a delete sends its header alone");
        assertEquals(EnumSet.of(EvidenceLayer.HEADER),
                frontends.layers("cobol", ChangeKind.ADD, ContentState.TEXT, all), "no frontend: no parser sees it");

        FileChange java = FileChange.add("repo", "A.java", "c1", "java", 10);
        java.content = "class A {}".getBytes(StandardCharsets.UTF_8);
        assertFalse(new LayerFilter(frontends, all, EvidenceLayer.CPYTHON).filter(java), "a Java file never reaches python3");
        assertFalse(new LayerFilter(frontends, all, EvidenceLayer.CST).filter(java));
        FileChange python = FileChange.add("repo", "a.py", "c1", "python", 6);
        python.content = "x = 1\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(new LayerFilter(frontends, all, EvidenceLayer.CPYTHON).filter(python));
    }

    @Test
    void deletesAreGenericAndAFileWithoutAFrontendIsReportedNotParsed() {
        OwnedRows deleted = frontends.rows(FileHeader.of(FileChange.delete("repo", "gone.py", "c2", "python")), Map.of(),
                Set.of());
        assertEquals(OwnedRows.Op.DELETE, deleted.op());
        assertEquals("gone.py", deleted.owner().path());

        FileChange cobol = FileChange.add("repo", "main.cbl", "c1", "cobol", 12);
        cobol.content = "IDENTIFICATION".getBytes(StandardCharsets.UTF_8);
        OwnedRows rows = frontends.rows(FileHeader.of(cobol), Map.of(), Set.of());
        Object[] file = rows.rows(CpgSchema.TABLES.position(CpgSchema.FILES)).get(0);
        assertEquals("unsupported_language", CpgSchema.FILES_TABLE.row(file).get("parse_status"));
        Object[] error = rows.rows(CpgSchema.TABLES.position(CpgSchema.ERRORS)).get(0);
        assertEquals("unsupported_language", CpgSchema.ERRORS_TABLE.row(error).get("code"));
        assertEquals(1, rows.rows(CpgSchema.TABLES.position(CpgSchema.NODES)).size(), "the FILE node alone");
    }
}
