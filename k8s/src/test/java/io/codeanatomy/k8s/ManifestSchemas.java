package io.codeanatomy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1ServiceAccount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the API server would check of a manifest. Custom resources against the Flink Kubernetes
 * Operator's CRD schemas ({@code openAPIV3Schema} of {@code v1beta1}, k8s/crds/), strictly: every
 * object schema that lists its properties rejects any other, as a server with field validation
 * {@code Strict} does (the plain schema would let a misspelled field through). Core kinds against the
 * Kubernetes API's own models (client-java's generated validators: unknown fields, required fields,
 * value types), and so the metadata of every kind.
 */
public final class ManifestSchemas {
    private final Map<String, JsonSchema> customResources = new HashMap<>();

    public ManifestSchemas(Path crds) throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        try (Stream<Path> files = Files.list(crds)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                JsonNode crd = Manifests.read(file);
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    if (version.path("name").asText().equals("v1beta1")) {
                        ObjectNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                        // Every object has these at its root; CRDs leave them out of their schemas.
                        ObjectNode root = (ObjectNode) schema.with("properties");
                        root.putObject("apiVersion").put("type", "string");
                        root.putObject("kind").put("type", "string");
                        root.putObject("metadata").put("type", "object");
                        strict(schema);
                        customResources.put(kind, factory.getSchema(schema));
                    }
                }
            }
        }
        if (!customResources.containsKey("FlinkDeployment") || !customResources.containsKey("FlinkSessionJob")) {
            throw new IllegalStateException("no v1beta1 schemas for FlinkDeployment and FlinkSessionJob in " + crds);
        }
    }

    /** Every problem the server would report for {@code doc}; empty when it would accept it. */
    public List<String> problems(JsonNode doc) {
        String kind = doc.path("kind").asText();
        String name = kind + "/" + doc.path("metadata").path("name").asText();
        List<String> problems = new ArrayList<>();
        JsonSchema schema = customResources.get(kind);
        if (schema != null) {
            for (ValidationMessage m : schema.validate(doc)) {
                problems.add(name + ": " + m.getMessage());
            }
            core(name, "metadata", doc.path("metadata"), problems);
            return problems;
        }
        core(name, kind, doc, problems);
        return problems;
    }

    private static void core(String name, String kind, JsonNode doc, List<String> problems) {
        try {
            var json = JsonParser.parseString(doc.toString());
            switch (kind) {
                case "metadata" -> V1ObjectMeta.validateJsonElement(json);
                case "ServiceAccount" -> V1ServiceAccount.validateJsonElement(json);
                case "Role" -> V1Role.validateJsonElement(json);
                case "RoleBinding" -> V1RoleBinding.validateJsonElement(json);
                case "PersistentVolumeClaim" -> V1PersistentVolumeClaim.validateJsonElement(json);
                case "Secret" -> V1Secret.validateJsonElement(json);
                default -> problems.add(name + ": no schema for kind " + kind + " in this test");
            }
        } catch (IOException | RuntimeException e) {
            problems.add(name + ": " + e.getMessage());
        }
    }

    /** Objects with listed properties get {@code additionalProperties: false}, unless they keep unknown fields by design. */
    static void strict(JsonNode schema) {
        if (!schema.isObject()) {
            return;
        }
        ObjectNode node = (ObjectNode) schema;
        if (node.has("properties") && !node.has("additionalProperties")
                && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            node.put("additionalProperties", false);
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode child = it.next();
            if (child.isArray()) {
                child.forEach(ManifestSchemas::strict);
            } else {
                strict(child);
            }
        }
    }
}
