package io.codeanatomy.cpg;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Ids are what the class documentation says they are: SHA-256 of the NUL-joined UTF-8 fields,
 * recomputed here the plain way, for files and fields of every shape (ids are in every stored row:
 * a change of a single id is a change of the tables).
 */
class CpgIdsTest {
    private static final String[] REPOS = {"r", "github.com/acme/widgets"};
    private static final String[] PATHS = {"a.py", "pkg/sub/mod.py", "données/ünïcode_文件.py", ""};

    @Test
    void everyKindOfIdIsTheDocumentedHash() throws Exception {
        CpgIds ids = new CpgIds();
        long[] numbers = {0, 7, 10, 123456789012L, -1, Long.MIN_VALUE, Long.MAX_VALUE};
        for (int round = 0; round < 2; round++) { // the second round meets each file again, cached
            for (String repo : REPOS) {
                for (String path : PATHS) {
                    for (long n : numbers) {
                        assertEquals(fileId(repo, path, "FUNCTION", Long.toString(n), Long.toString(n / 3)),
                                ids.nodeId(repo, path, NodeKind.FUNCTION, n, n / 3));
                        assertEquals(fileId(repo, path, "SYNTAX:if_statement", Long.toString(n), "12"),
                                ids.syntaxNodeId(repo, path, "if_statement", n, 12));
                        assertEquals(fileId(repo, path, "ERROR", "\u00e9", "2", Long.toString(n), "msg \u00fc", "4"),
                                ids.errorId(repo, path, "ERROR", "\u00e9", 2, n, "msg \u00fc", 4));
                    }
                    assertEquals(fileId(repo, path, "EXTERNAL", "os.path"), ids.externalNodeId(repo, path, "os.path"));
                    assertEquals(fileId(repo, path, "CONTAINS", "s", "d"), ids.edgeId(repo, path, EdgeKind.CONTAINS, "s", "d"));
                    assertEquals(fileId(repo, path, "x", "y", "0", "0", "null", "0"),
                            ids.errorId(repo, path, "x", "y", 0, 0, null, 0));
                    assertEquals(hex(sha(repo, "python", path), 16), ids.symbolId(repo, "python", path));
                }
            }
        }
    }

    private static String fileId(String repo, String path, String... rest) throws Exception {
        String[] all = new String[rest.length + 2];
        all[0] = repo;
        all[1] = path;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return hex(sha(repo, path), 8) + hex(sha(all), 8);
    }

    private static byte[] sha(String... fields) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(String.join("\u0000", fields).getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] digest, int bytes) {
        return HexFormat.of().formatHex(digest, 0, bytes);
    }
}
