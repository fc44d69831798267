package io.codeanatomy.delta.kernel;

import io.codeanatomy.delta.schema.TableSpec;

import io.delta.kernel.Scan;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Lists the data files of a scan with their statistics. */
final class ActiveFiles {
    private ActiveFiles() {
    }

    static List<ActiveFile> list(Engine engine, Scan scan, TableSpec spec) throws IOException {
        List<ActiveFile> out = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine, true)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> rows = files.next().getRows()) {
                    while (rows.hasNext()) {
                        Row scanFile = rows.next();
                        var status = KernelInternals.fileStatus(scanFile);
                        out.add(new ActiveFile(scanFile, status.getSize(),
                                spec == null ? java.util.Optional.empty()
                                        : KernelInternals.statsJson(scanFile).flatMap(json -> FileStats.parse(json, spec)),
                                status.getModificationTime()));
                    }
                }
            }
        }
        return out;
    }
}
