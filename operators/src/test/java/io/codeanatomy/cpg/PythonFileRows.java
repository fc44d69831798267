package io.codeanatomy.cpg;

import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.extract.CstLayer;
import io.codeanatomy.lang.LanguageFrontends;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileChange;

import java.util.Map;
import java.util.Set;

/** A Python file's rows as the job writes them from the CST and scope layers, for tests without a job. */
public final class PythonFileRows implements AutoCloseable {
    private final LanguageFrontends frontends = LanguageFrontends.all();
    private final CstLayer layer = new CstLayer(frontends, true);

    public OwnedRows rows(String path, byte[] source) {
        FileChange change = PythonFileChanges.added(path, source);
        return frontends.rows(FileHeader.of(change), Map.of(EvidenceLayer.CST, layer.evidence(change).payload), Set.of());
    }

    /** The {@code files} row's column {@code column}. */
    public static Object fileColumn(OwnedRows rows, String column) {
        return rows.rows(CpgSchema.TABLES.position(CpgSchema.FILES)).get(0)[CpgSchema.FILES_TABLE.index(column)];
    }

    @Override
    public void close() {
        layer.close();
    }
}
