package io.codeanatomy.extract.cpython;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time of reading the CPython helper's answers on the JVM side: {@link CPythonAnswer}'s token
 * stream against the baseline it replaced (the answer read as a Jackson tree, then walked), on the
 * answers the helper gives for every .py file under DIR, rounds alternating between the two. First
 * checks that both read the same facts from every answer (their encoded bytes).
 *
 * <pre>
 * . bench/lib.sh; cp=$(bench_classpath /tmp/bcp)
 * java -cp "$cp" io.codeanatomy.extract.cpython.CPythonAnswerBenchmark DIR [ROUNDS]
 * </pre>
 */
public final class CPythonAnswerBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CPythonAnswerBenchmark DIR [ROUNDS]");
            System.exit(2);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<String> lines = answers(Path.of(args[0]));
        long chars = lines.stream().mapToLong(String::length).sum();
        System.out.printf("%d answers, %.1f MB of JSON%n", lines.size(), chars / 1e6);
        for (String line : lines) {
            if (!Arrays.equals(CPythonFactsCodec.encode(CPythonAnswer.parse(line).facts()),
                    CPythonFactsCodec.encode(treeRead(line)))) {
                throw new AssertionError("the two readers differ on " + line.substring(0, Math.min(200, line.length())));
            }
        }
        System.out.println("same facts from both readers on every answer");
        com.sun.management.ThreadMXBean cpu = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            long a0 = cpu.getCurrentThreadAllocatedBytes();
            for (String line : lines) {
                treeRead(line);
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            long a1 = cpu.getCurrentThreadAllocatedBytes();
            for (String line : lines) {
                CPythonAnswer.parse(line);
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            long a2 = cpu.getCurrentThreadAllocatedBytes();
            ratios[r] = (double) (t2 - t1) / (t1 - t0);
            System.out.printf("round %d: tree %.3f CPU-s %.0f MB allocated, stream %.3f CPU-s %.0f MB, ratio %.2f%n", r + 1,
                    (t1 - t0) / 1e9, (a1 - a0) / 1e6, (t2 - t1) / 1e9, (a2 - a1) / 1e6, ratios[r]);
        }
        Arrays.sort(ratios);
        System.out.printf("median ratio stream/tree: %.2f%n", ratios[rounds / 2]);
    }

    /** The helper's answer line for every .py file under {@code dir}, from one helper process. */
    private static List<String> answers(Path dir) throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p)).sorted().toList();
        }
        Process python = new ProcessBuilder("python3", "-I", "-u", "-c", CPythonHelper.SCRIPT_SOURCE)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> out = new ArrayList<>();
        try (BufferedWriter in = new BufferedWriter(new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8));
             BufferedReader answers = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            long id = 0;
            for (Path f : files) {
                ObjectNode request = JSON.createObjectNode();
                request.put("id", ++id);
                request.put("path", dir.relativize(f).toString());
                request.put("source", Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
                in.write(JSON.writeValueAsString(request));
                in.write('\n');
                in.flush();
                out.add(answers.readLine());
            }
        }
        python.waitFor();
        return out;
    }

    /** The baseline: the answer as a Jackson tree, walked (CPythonHelper's reader before CPythonAnswer). */
    private static CPythonFacts treeRead(String line) throws IOException {
        JsonNode answer = JSON.readTree(line);
        answer.get("id").asLong();
        if (!answer.path("ok").asBoolean()) {
            JsonNode error = answer.path("error");
            String type = error.path("type").asText("Error");
            CPythonFacts.Status status = type.endsWith("SyntaxError") || type.equals("IndentationError")
                    || type.equals("TabError") ? CPythonFacts.Status.SYNTAX_ERROR : CPythonFacts.Status.FAILED;
            return new CPythonFacts(status, List.of(), List.of(), type + ": " + error.path("message").asText(),
                    error.path("lineno").asInt(0));
        }
        List<CPythonFacts.AstNode> nodes = new ArrayList<>();
        for (JsonNode n : answer.path("ast")) {
            nodes.add(new CPythonFacts.AstNode(n.get(0).asText(), n.get(1).asInt(), n.get(2).asInt(), n.get(3).asInt(),
                    n.get(4).asInt(), n.get(5).isNull() ? null : n.get(5).asText(), n.get(6).isNull() ? null : n.get(6).asText()));
        }
        List<CPythonFacts.Scope> scopes = new ArrayList<>();
        for (JsonNode s : answer.path("scopes")) {
            List<CPythonFacts.Symbol> symbols = new ArrayList<>();
            for (JsonNode sym : s.path("symbols")) {
                List<String> flags = new ArrayList<>();
                sym.get(1).forEach(f -> flags.add(f.asText()));
                symbols.add(new CPythonFacts.Symbol(sym.get(0).asText(), flags));
            }
            scopes.add(new CPythonFacts.Scope(s.path("type").asText(), s.path("name").asText(), s.path("lineno").asInt(), symbols));
        }
        return new CPythonFacts(CPythonFacts.Status.OK, nodes, scopes, null, 0);
    }
}
