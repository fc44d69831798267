package io.codeanatomy.job.sql;

import io.codeanatomy.job.CommandProcess;
import io.codeanatomy.job.StdlibRepo;
import io.codeanatomy.job.watch.WatchCommand;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code watch --sql-gateway PORT}: while the watch follows commits, the Flink SQL Gateway in its JVM
 * answers the REST API and {@code codeanatomy sql --gateway} (the real SQL client in gateway mode), and
 * a query after a new commit sees it.
 */
class WatchSqlGatewayTest {
    @TempDir
    Path tmp;

    @Test
    void theGatewayOfARunningWatchAnswersQueriesThatFollowItsCommits() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path warehouse = tmp.resolve("wh");
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), List.of("textwrap.py", "fnmatch.py", "heapq.py"))) {
            String first = repo.commit("first");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            CompletableFuture<Void> stop = new CompletableFuture<>();
            int gatewayPort = port;
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return WatchCommand.run(new String[] {"--repo", repo.dir.toString(), "--warehouse", warehouse.toString(),
                            "--poll", "100ms", "--checkpoint-interval", "300ms", "--parallelism", "1",
                            "--sql-gateway", Integer.toString(gatewayPort)}, out, stop);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                awaitOutput(bytes, first.substring(0, 12) + " visible");
                assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("SQL Gateway on 127.0.0.1:" + port), bytes.toString());

                HttpResponse<String> info = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, info.statusCode(), info.body());
                assertTrue(info.body().contains("Apache Flink"), info.body());

                String answer1 = query(port, "one");
                assertTrue(answer1.contains("| 3 |"), "three files:\n" + answer1);
                repo.delete("fnmatch.py");
                String second = repo.commit("delete");
                awaitOutput(bytes, second.substring(0, 12) + " visible");
                assertEquals("2", restQuery(port, "SELECT COUNT(*) AS n FROM files"), "through the REST API, after the delete");
                assertEquals("2", jdbcQuery(port, "SELECT COUNT(*) AS n FROM files"), "through JDBC, after the delete");
                String answer2 = query(port, "two");
                assertTrue(answer2.contains("| 2 |"), "two files after the delete:\n" + answer2);
            } finally {
                stop.complete(null);
                assertEquals(0, exit.get(3, TimeUnit.MINUTES), bytes.toString(StandardCharsets.UTF_8));
            }
        }
    }

    private String query(int port, String name) throws Exception {
        try (CommandProcess sql = CommandProcess.start(tmp.resolve("sql"), name, List.of("sql", "--gateway", "127.0.0.1:" + port,
                "-e", "SELECT COUNT(*) AS n FROM files"))) {
            int status = sql.awaitExit(Duration.ofMinutes(2));
            Path clientLog = Path.of(sql.log.toString() + ".sql-client");
            String log = java.nio.file.Files.exists(clientLog) ? java.nio.file.Files.readString(clientLog) : "(no client log)";
            assertEquals(0, status, sql.output() + "\nclient log:\n" + log);
            return sql.output().replaceAll(" +", " ");
        }
    }

    /** The REST API as a script would use it: a session, USE CATALOG, a statement, its result pages. */
    private static String restQuery(int port, String sql) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String base = "http://127.0.0.1:" + port + "/v1/sessions";
        String session = json.readTree(post(http, base, "{}")).get("sessionHandle").asText();
        String use = json.readTree(post(http, base + "/" + session + "/statements", "{\"statement\": \"USE CATALOG cpg\"}"))
                .get("operationHandle").asText();
        fetchAll(http, json, base + "/" + session + "/operations/" + use + "/result/0");
        String op = json.readTree(post(http, base + "/" + session + "/statements",
                json.writeValueAsString(java.util.Map.of("statement", sql)))).get("operationHandle").asText();
        List<String> values = fetchAll(http, json, base + "/" + session + "/operations/" + op + "/result/0");
        return String.join(",", values);
    }

    private static String post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }

    /** Follows nextResultUri until the end of the result; the first field of every row. */
    private static List<String> fetchAll(HttpClient http, com.fasterxml.jackson.databind.ObjectMapper json, String url) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        String next = url;
        for (int i = 0; i < 600 && next != null; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(next)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), next + ": " + r.body());
            com.fasterxml.jackson.databind.JsonNode page = json.readTree(r.body());
            for (com.fasterxml.jackson.databind.JsonNode row : page.path("results").path("data")) {
                out.add(row.path("fields").get(0).asText());
            }
            String type = page.path("resultType").asText();
            if (type.equals("EOS")) {
                return out;
            }
            if (type.equals("NOT_READY")) {
                Thread.sleep(100);
            }
            next = page.hasNonNull("nextResultUri") ? "http://127.0.0.1:" + URI.create(url).getPort() + page.get("nextResultUri").asText() : null;
        }
        return out;
    }

    /** Flink's JDBC driver in a JVM of its own (its bundle shades a Flink of its own). */
    private String jdbcQuery(int port, String sql) throws Exception {
        String classes = Path.of(JdbcQuery.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        // The driver bundle logs through slf4j's API, which it does not bundle.
        String slf4j = Path.of(org.slf4j.LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                String.join(java.io.File.pathSeparator, System.getProperty("flink.jdbc.bundle"), slf4j, classes), JdbcQuery.class.getName(),
                "jdbc:flink://127.0.0.1:" + port, sql).redirectErrorStream(true).redirectOutput(tmp.resolve("jdbc.out").toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the JDBC client ended");
        String out = java.nio.file.Files.readString(tmp.resolve("jdbc.out"));
        assertEquals(0, p.exitValue(), "class path " + System.getProperty("flink.jdbc.bundle") + ":\n" + out);
        List<String> lines = out.lines().filter(l -> !l.isBlank() && !l.contains("SLF4J") && !l.contains("log4j")).toList();
        return lines.get(lines.size() - 1);
    }

    private static void awaitOutput(ByteArrayOutputStream bytes, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (bytes.toString(StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in:\n" + bytes.toString(StandardCharsets.UTF_8));
    }
}
