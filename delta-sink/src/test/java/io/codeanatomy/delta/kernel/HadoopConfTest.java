package io.codeanatomy.delta.kernel;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The Flink configuration's storage keys, as the warehouse's Hadoop settings see them. */
class HadoopConfTest {
    @Test
    void s3KeysOfFlinksPluginBecomeS3aKeysAndFlinkHadoopKeysLoseTheirPrefix() {
        Map<String, String> flink = new TreeMap<>();
        flink.put("s3.endpoint", "http://minio:9000");
        flink.put("s3.path.style.access", "true");
        flink.put("s3.access-key", "ak");
        flink.put("s3a.secret-key", "sk");
        flink.put("fs.s3a.connection.maximum", "64");
        flink.put("flink.hadoop.fs.gs.project.id", "p");
        flink.put("parallelism.default", "4");
        assertEquals(Map.of(
                "fs.s3a.endpoint", "http://minio:9000",
                "fs.s3a.path.style.access", "true",
                "fs.s3a.access.key", "ak",
                "fs.s3a.secret.key", "sk",
                "fs.s3a.connection.maximum", "64",
                "fs.gs.project.id", "p"), HadoopConf.translate(flink));
    }

    @Test
    void theHadoopConfigurationCarriesThemAndKeepsFileSystemsOpenAtShutdown() {
        Configuration flink = new Configuration();
        flink.setString("s3.endpoint", "http://127.0.0.1:9000");
        org.apache.hadoop.conf.Configuration hadoop = HadoopConf.create(flink);
        assertEquals("http://127.0.0.1:9000", hadoop.get("fs.s3a.endpoint"));
        assertEquals("org.apache.hadoop.fs.s3a.S3AFileSystem", hadoop.get("fs.s3.impl"));
        assertEquals("false", hadoop.get("fs.automatic.close"));
        assertNull(hadoop.get("parallelism.default"));
    }
}
