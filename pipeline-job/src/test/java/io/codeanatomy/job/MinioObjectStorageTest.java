package io.codeanatomy.job;

import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The object-storage suite against MinIO in a container. Skipped where no Docker engine runs (as on
 * the machines this was built on, where {@link InProcessObjectStorageTest} runs the same suite).
 */
@Testcontainers(disabledWithoutDocker = true)
class MinioObjectStorageTest extends ObjectStorageSuite {
    @Container
    static final MinIOContainer MINIO = new MinIOContainer("minio/minio:RELEASE.2025-04-22T22-12-26Z");

    @BeforeAll
    static void createBucket() {
        try (S3Client client = S3Client.builder().endpointOverride(URI.create(MINIO.getS3URL())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(MINIO.getUserName(), MINIO.getPassword())))
                .build()) {
            client.createBucket(b -> b.bucket(BUCKET));
        }
    }

    @Override
    Map<String, String> storeSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("s3.endpoint", MINIO.getS3URL());
        settings.put("s3.endpoint.region", "us-east-1");
        settings.put("s3.path.style.access", "true");
        settings.put("s3.access-key", MINIO.getUserName());
        settings.put("s3.secret-key", MINIO.getPassword());
        return settings;
    }
}
