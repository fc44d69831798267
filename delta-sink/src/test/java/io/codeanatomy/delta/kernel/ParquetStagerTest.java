package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.schema.AllColumnTypes;

import io.delta.kernel.engine.Engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Value-array rows of every column type, staged through the chunked Arrow buffer, come back whole and in order. */
class ParquetStagerTest {
    @TempDir
    Path dir;

    @Test
    void rowsSpanningSeveralArrowChunksAreStagedInOrder() throws Exception {
        Engine engine = EngineFactory.create();
        List<Object[]> rows = new ArrayList<>();
        int n = ParquetStager.CHUNK_ROWS * 2 + 17;
        for (int i = 0; i < n; i++) {
            boolean sparse = i % 7 == 0;
            rows.add(new Object[] {"r", "p" + (i / 1000) + ".py", String.format("id%06d", i), sparse ? null : (long) i << 33,
                    sparse ? null : -i, sparse ? null : i % 2 == 0, sparse ? null : i / 3.0});
        }
        List<StagedFile> files = new ParquetStager(engine, dir.resolve("t").toUri().toString(), AllColumnTypes.SPEC)
                .stage(rows);
        List<Object[]> back = TableRows.readStaged(engine, AllColumnTypes.SPEC, files);
        assertEquals(n, back.size());
        for (int i = 0; i < n; i++) {
            assertArrayEquals(rows.get(i), back.get(i), "row " + i);
        }
    }
}
