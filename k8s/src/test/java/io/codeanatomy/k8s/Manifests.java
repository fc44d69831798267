package io.codeanatomy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The manifests under k8s/, read as the API server would (YAML to JSON trees). */
public final class Manifests {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("k8s.dir", "."));
    }

    public static JsonNode read(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    /** The application-mode watch deployment of the base. */
    public static JsonNode watchDeployment() throws IOException {
        return read(dir().resolve("base/flinkdeployment.yaml"));
    }

    /** A FlinkDeployment's log4j configuration of the console ({@code spec.logConfiguration}). */
    public static String consoleLogging(JsonNode deployment) {
        JsonNode text = deployment.path("spec").path("logConfiguration").path("log4j-console.properties");
        if (!text.isTextual()) {
            throw new IllegalStateException("no spec.logConfiguration.log4j-console.properties");
        }
        return text.asText();
    }

    /** A FlinkDeployment's {@code spec.flinkConfiguration}, as the operator writes it into the cluster's config.yaml. */
    public static Map<String, String> flinkConfiguration(JsonNode deployment) {
        Map<String, String> config = new LinkedHashMap<>();
        deployment.path("spec").path("flinkConfiguration").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return config;
    }
}
