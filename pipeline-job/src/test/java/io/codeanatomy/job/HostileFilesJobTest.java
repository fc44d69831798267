package io.codeanatomy.job;

import io.codeanatomy.delta.schema.TableRow;
import io.codeanatomy.job.index.IndexJob;
import io.codeanatomy.job.index.IndexSettings;
import io.codeanatomy.job.index.IndexSummary;
import io.codeanatomy.schema.CpgSchema;
import io.codeanatomy.source.FileSelector;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated hostile files through the whole job (every layer, the align operator and the sink) on a
 * MiniCluster: the job finishes, every file has its files row, and each problem is an
 * extract_errors row naming the layer that met it. Nothing is dropped silently.
 */
class HostileFilesJobTest {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path tmp;

    @Test
    void badFilesBecomeRowsAndTheJobGoesOn() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("good.py", utf8("def ok(a, b=1):\n    return a + b\n"));
        files.put("empty.py", new byte[0]);
        files.put("nul.py", utf8("x = 1\u0000\n"));
        files.put("invalid_utf8.py", new byte[] {'x', ' ', '=', ' ', '\'', (byte) 0xC3, (byte) 0x28, '\'', '\n'});
        files.put("latin1.py", "# -*- coding: latin-1 -*-\nname = 'caf\u00e9'; other = name\n".getBytes(StandardCharsets.ISO_8859_1));
        files.put("deep_parens.py", utf8("x = " + "(".repeat(50_000) + "1" + ")".repeat(50_000) + "\n"));
        files.put("deep_blocks.py", utf8(deepBlocks(3_000)));
        files.put("long_line.py", utf8("x = [" + "1, ".repeat(330_000) + "]\n"));
        files.put("broken.py", utf8("def f(:\n    pass\nclass C(\nx = [1, 2\nwhile True print(1)\n"));
        files.put("py2.py", utf8("print 'tree-sitter parses this, CPython 3 does not'\n"));
        try (StdlibRepo repo = StdlibRepo.create(tmp.resolve("repo"), java.util.List.of())) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                repo.write(f.getKey(), f.getValue());
            }
            repo.commit("hostile files");
            IndexSummary summary = IndexJob.run(StreamExecutionEnvironment.getExecutionEnvironment(),
                    new IndexSettings(repo.dir.toFile(), "hostile", null, tmp.resolve("wh").toFile(),
                            FileSelector.defaults(), 2), null);
            assertEquals(files.size(), summary.files);
        }
        WarehouseRows rows = WarehouseRows.read(tmp.resolve("wh"));
        Map<String, String> status = new HashMap<>();
        for (TableRow r : rows.rows(CpgSchema.FILES)) {
            status.put(r.string("path"), r.string("parse_status"));
        }
        assertEquals(files.keySet(), status.keySet(), "every file has its files row");
        assertEquals("skipped_binary", status.get("nul.py"));
        assertEquals("syntax_errors", status.get("broken.py"));
        assertEquals("ok", status.get("good.py"));

        Map<String, Set<String>> codes = new HashMap<>();
        for (TableRow r : rows.rows(CpgSchema.ERRORS)) {
            codes.computeIfAbsent(r.string("path"), k -> new TreeSet<>()).add(r.string("stage") + "/" + r.string("code"));
        }
        assertTrue(codes.get("nul.py").contains("source/binary_file"), String.valueOf(codes));
        assertTrue(codes.get("broken.py").containsAll(Set.of("parse/syntax_error", "cpython/syntax_error")), String.valueOf(codes));
        assertTrue(codes.get("py2.py").contains("cpython/syntax_error"), String.valueOf(codes));
        assertTrue(codes.get("deep_parens.py").stream().anyMatch(c -> c.startsWith("cpython/")),
                "CPython's refusal of 50,000 nested parentheses is recorded: " + codes);
        assertTrue(!codes.containsKey("good.py") && !codes.containsKey("latin1.py") && !codes.containsKey("empty.py"),
                "clean files have no error rows: " + codes);

        Set<String> kindsOfGood = new HashSet<>();
        for (TableRow r : rows.rows(CpgSchema.NODES)) {
            if ("good.py".equals(r.string("path"))) {
                kindsOfGood.add(r.string("kind"));
            }
        }
        assertTrue(kindsOfGood.containsAll(Set.of("FUNCTION", "PARAMETER", "NAME", "SYNTAX")), String.valueOf(kindsOfGood));
    }

    private static String deepBlocks(int depth) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            s.append(" ".repeat(i)).append("if x:\n");
        }
        return s.append(" ".repeat(depth)).append("pass\n").toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
