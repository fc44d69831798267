package io.codeanatomy.delta.s3;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A real S3 API server in the test's JVM: S3Proxy over a directory (jclouds' filesystem store),
 * speaking the S3 REST protocol with signature v4 on a loopback port. The job reaches it exactly as
 * it would reach AWS or MinIO: through Hadoop's S3A (the warehouse) and Flink's file systems
 * (checkpoints), configured by the Flink configuration keys {@link #flinkSettings} lists.
 */
public final class InProcessS3 implements AutoCloseable {
    public static final String BUCKET = "codeanatomy";
    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret";

    private final S3Proxy proxy;
    private final BlobStoreContext context;

    private InProcessS3(S3Proxy proxy, BlobStoreContext context) {
        this.proxy = proxy;
        this.context = context;
    }

    /** Starts a server whose objects live under {@code dir}, with one bucket, {@link #BUCKET}. */
    public static InProcessS3 start(Path dir) throws Exception {
        Files.createDirectories(dir);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        context.getBlobStore().createContainerInLocation(null, BUCKET);
        return new InProcessS3(proxy, context);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** {@code s3a://codeanatomy/<path>}. */
    public String uri(String path) {
        return "s3a://" + BUCKET + "/" + path;
    }

    /** The Flink configuration that points S3A and Flink's S3 file systems at this server. */
    public Map<String, String> flinkSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("s3.endpoint", endpoint());
        settings.put("s3.endpoint.region", "us-east-1");
        settings.put("s3.path.style.access", "true");
        settings.put("s3.access-key", ACCESS_KEY);
        settings.put("s3.secret-key", SECRET_KEY);
        return settings;
    }

    /** The keys of every object under {@code prefix}, for tests that look at what was written. */
    public java.util.List<String> keys(String prefix) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        org.jclouds.blobstore.options.ListContainerOptions options =
                org.jclouds.blobstore.options.ListContainerOptions.Builder.prefix(prefix).recursive();
        String marker = null;
        do {
            var page = context.getBlobStore().list(BUCKET, marker == null ? options : options.clone().afterMarker(marker));
            page.forEach(meta -> keys.add(meta.getName()));
            marker = page.getNextMarker();
        } while (marker != null);
        return keys;
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
