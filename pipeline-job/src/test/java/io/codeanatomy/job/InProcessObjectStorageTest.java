package io.codeanatomy.job;

import io.codeanatomy.delta.s3.InProcessS3;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** The object-storage suite against S3Proxy in this JVM: what runs on machines without Docker. */
class InProcessObjectStorageTest extends ObjectStorageSuite {
    @TempDir
    static Path objects;
    static InProcessS3 s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = InProcessS3.start(objects);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Override
    Map<String, String> storeSettings() {
        return s3.flinkSettings();
    }
}
