package io.codeanatomy.delta.kernel;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;

import org.apache.hadoop.conf.Configuration;

/** Creates the Delta Kernel engine with the Hadoop settings the sink relies on. */
public final class EngineFactory {
    private EngineFactory() {
    }

    public static Engine create() {
        Configuration conf = new Configuration();
        // No .crc sidecar per file on local disks: they double the file count and no reader needs them.
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return DefaultEngine.create(conf);
    }
}
