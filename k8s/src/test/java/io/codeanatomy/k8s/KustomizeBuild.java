package io.codeanatomy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code kustomize build DIR} for the features our kustomizations use, so that tests validate what
 * {@code kubectl apply -k} would send: {@code resources} (files, and directories with a kustomization),
 * {@code patches} by path (merged into the resource of the same kind and name: JSON merge patch, which
 * is what kustomize applies to custom resources, and to core kinds where no list is patched), and
 * {@code namespace} (set on every resource and on ServiceAccount subjects). Any other field fails the
 * build: a kustomization that needs more than this needs the real tool.
 */
public final class KustomizeBuild {
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "patches", "namespace");

    private KustomizeBuild() {
    }

    public static List<ObjectNode> build(Path dir) throws IOException {
        JsonNode kustomization = Manifests.read(dir.resolve("kustomization.yaml"));
        for (Iterator<String> it = kustomization.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(dir + "/kustomization.yaml: '" + field + "' is beyond this renderer");
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                out.addAll(build(path));
            } else {
                out.addAll(documents(path));
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            for (ObjectNode p : documents(dir.resolve(patch.path("path").asText()))) {
                ObjectNode target = out.stream().filter(r -> sameObject(r, p)).findFirst().orElseThrow(() ->
                        new IllegalArgumentException(dir + ": patch " + patch + " matches no resource"));
                mergePatch(target, p);
            }
        }
        if (kustomization.hasNonNull("namespace")) {
            String ns = kustomization.get("namespace").asText();
            for (ObjectNode r : out) {
                ((ObjectNode) r.with("metadata")).put("namespace", ns);
                for (JsonNode subject : r.path("subjects")) {
                    if ("ServiceAccount".equals(subject.path("kind").asText())) {
                        ((ObjectNode) subject).put("namespace", ns);
                    }
                }
            }
        }
        return out;
    }

    static List<ObjectNode> documents(Path file) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (var parser = Manifests.YAML.getFactory().createParser(file.toFile())) {
            Iterator<ObjectNode> it = Manifests.YAML.readValues(parser, ObjectNode.class);
            while (it.hasNext()) {
                ObjectNode doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static boolean sameObject(JsonNode a, JsonNode b) {
        return a.path("kind").equals(b.path("kind")) && a.path("metadata").path("name").equals(b.path("metadata").path("name"));
    }

    /** RFC 7386: objects merge key by key, null removes, anything else (lists too) replaces. */
    static void mergePatch(ObjectNode target, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value.isObject() && target.path(e.getKey()).isObject()) {
                mergePatch((ObjectNode) target.get(e.getKey()), value);
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }
}
