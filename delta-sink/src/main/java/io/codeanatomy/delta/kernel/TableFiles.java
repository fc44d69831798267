package io.codeanatomy.delta.kernel;

import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;

import java.io.IOException;

/** How many data files a table version references and how many bytes they hold (from the Delta log, not the disk). */
public final class TableFiles {
    private TableFiles() {
    }

    public record Summary(int files, long bytes) {
    }

    public static Summary of(Engine engine, Snapshot snapshot) throws IOException {
        int files = 0;
        long bytes = 0;
        for (ActiveFile f : ActiveFiles.list(engine, snapshot.getScanBuilder().build(), null)) {
            files++;
            bytes += f.size;
        }
        return new Summary(files, bytes);
    }
}
