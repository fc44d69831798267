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
