package io.codeanatomy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.codeanatomy.job.cli.ParsedOptions;
import io.codeanatomy.job.cluster.ClusterEntry;
import io.codeanatomy.job.watch.WatchCommand;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kustomization under k8s/ renders, and every document it renders is one the API server would
 * accept (the operator's CRDs, strict; Kubernetes' own models for the core kinds). The image and the
 * manifests agree with each other and with what the cluster tests run.
 */
class ManifestsTest {
    static final List<String> KUSTOMIZATIONS = List.of("base", "overlays/local", "overlays/production", "session");
    static ManifestSchemas schemas;

    @BeforeAll
    static void loadSchemas() throws Exception {
        schemas = new ManifestSchemas(Path.of(System.getProperty("crds.dir")));
    }

    @Test
    void everyRenderedDocumentIsValid() throws Exception {
        Map<String, List<String>> problems = new TreeMap<>();
        for (String k : KUSTOMIZATIONS) {
            List<ObjectNode> docs = KustomizeBuild.build(Manifests.dir().resolve(k));
            assertFalse(docs.isEmpty(), k);
            for (ObjectNode doc : docs) {
                problems.computeIfAbsent(k, x -> new ArrayList<>()).addAll(schemas.problems(doc));
            }
        }
        problems.values().removeIf(List::isEmpty);
        assertEquals(Map.of(), problems);
    }

    @Test
    void aMisspelledFieldIsRejectedInACustomAndInACoreResource() throws Exception {
        List<ObjectNode> base = KustomizeBuild.build(Manifests.dir().resolve("base"));
        ObjectNode deployment = find(base, "FlinkDeployment").deepCopy();
        ((ObjectNode) deployment.with("spec").with("jobManager")).put("replica", 2);
        assertTrue(schemas.problems(deployment).stream().anyMatch(p -> p.contains("replica")), schemas.problems(deployment).toString());

        ObjectNode claim = find(base, "PersistentVolumeClaim").deepCopy();
        ((ObjectNode) claim.with("spec")).putArray("acessModes").add("ReadOnlyMany");
        assertTrue(schemas.problems(claim).stream().anyMatch(p -> p.contains("acessModes")), schemas.problems(claim).toString());

        ObjectNode job = find(KustomizeBuild.build(Manifests.dir().resolve("session")), "FlinkSessionJob").deepCopy();
        ((ObjectNode) job.with("spec").with("job")).put("upgradeMode", "sometimes");
        assertFalse(schemas.problems(job).isEmpty(), "an upgrade mode outside the enum");
    }

    @Test
    void overlaysChangeWhatTheySayAndKeepTheRest() throws Exception {
        ObjectNode local = find(KustomizeBuild.build(Manifests.dir().resolve("overlays/local")), "FlinkDeployment");
        assertEquals("codeanatomy", local.path("metadata").path("namespace").asText());
        assertEquals("http://minio.minio.svc:9000", local.path("spec").path("flinkConfiguration").path("s3.endpoint").asText());
        assertEquals("last-state", local.path("spec").path("job").path("upgradeMode").asText());
        ObjectNode production = find(KustomizeBuild.build(Manifests.dir().resolve("overlays/production")), "FlinkDeployment");
        assertEquals(2, production.path("spec").path("jobManager").path("replicas").asInt());
        assertEquals("kubernetes", production.path("spec").path("flinkConfiguration").path("high-availability.type").asText());
    }

    @Test
    void theImageAndTheDeploymentsAgreeWithWhatTheClusterTestsRun() throws Exception {
        String dockerfile = Files.readString(Manifests.dir().resolve("Dockerfile"));
        assertTrue(Pattern.compile("(?m)^FROM flink:2\\.3\\.\\d+-java17$").matcher(dockerfile).find(), dockerfile);
        Matcher copy = Pattern.compile("(?m)^COPY .*pipeline-job/target/codeanatomy\\.jar (\\S+)$").matcher(dockerfile);
        assertTrue(copy.find(), dockerfile);
        String jarInImage = copy.group(1);
        assertTrue(dockerfile.contains("python3") && dockerfile.contains("git"), "the CPython layer and git are in the image");

        for (String k : KUSTOMIZATIONS) {
            for (ObjectNode doc : KustomizeBuild.build(Manifests.dir().resolve(k))) {
                JsonNode job = doc.path("spec").path("job");
                if (job.isMissingNode()) {
                    continue;
                }
                // The entry point the session and application cluster tests submit.
                assertEquals(ClusterEntry.class.getName(), job.path("entryClass").asText(), k);
                if (doc.path("kind").asText().equals("FlinkDeployment")) {
                    assertEquals("local://" + jarInImage, job.path("jarURI").asText(), k);
                    assertEquals("v2_3", doc.path("spec").path("flinkVersion").asText(), k);
                }
                // The arguments are options the watch command accepts (they fail the submission otherwise).
                List<String> args = new ArrayList<>();
                job.path("args").forEach(a -> args.add(a.asText()));
                assertEquals(WatchCommand.NAME, args.get(0), k);
                ParsedOptions options = ParsedOptions.parse(WatchCommand.NAME, WatchCommand.OPTIONS,
                        args.subList(1, args.size()).toArray(String[]::new));
                assertTrue(options.has("warehouse"), k);
            }
        }
    }

    static ObjectNode find(List<ObjectNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }
}
