package io.codeanatomy.cpg;

import io.codeanatomy.extract.ExtractedNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable ids, 128 bits as 32 hex digits: the first 64 bits of SHA-256 over the owning file
 * ({@code repo NUL path}), then the first 64 bits of SHA-256 over all the identifying fields (the
 * file's among them). Fields are separated by a NUL byte so that no two field lists hash the same
 * input. A file's rows sit together in the tables and share the first half, which Parquet's
 * compression stores about once per page instead of once per row (the ids were most of the table
 * bytes). Two ids of one file collide with probability about n^2 / 2^65 for n rows (the second
 * half); of two files, only if both halves do (2^-128). At 10^10 rows in files of 2,000 rows (the
 * standard library's mean is about 1,800 nodes) that is 10^10 * 2,000 / 2^65, about 5 * 10^-7; see
 * docs/schema.md.
 */
public final class CpgIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final MessageDigest sha256;
    /** The file whose prefix was computed last (rows of one file come together). */
    private String prefixRepo;
    private String prefixPath;
    private char[] prefix;

    public CpgIds() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    public String nodeId(String repo, String path, NodeKind kind, long bstart, long bend) {
        return hash(repo, path, kind.name(), Long.toString(bstart), Long.toString(bend));
    }

    /**
     * A SYNTAX node's id hashes {@code SYNTAX:<grammar type>} in place of the kind, so that CST nodes
     * sharing a span ({@code expression_statement} around an {@code assignment}) keep distinct ids.
     */
    public String syntaxNodeId(String repo, String path, String grammarType, long bstart, long bend) {
        return hash(repo, path, NodeKind.SYNTAX.name() + ":" + grammarType, Long.toString(bstart), Long.toString(bend));
    }

    /** An EXTERNAL node has no place in the file: its id hashes its name. */
    public String externalNodeId(String repo, String path, String name) {
        return hash(repo, path, NodeKind.EXTERNAL.name(), name);
    }

    /** The id of an extracted node, by the rule for its kind. */
    public String nodeId(String repo, String path, ExtractedNode n) {
        switch (n.kind) {
            case SYNTAX: return syntaxNodeId(repo, path, n.name, n.bstart, n.bend);
            case EXTERNAL: return externalNodeId(repo, path, n.name);
            default: return nodeId(repo, path, n.kind, n.bstart, n.bend);
        }
    }

    public String edgeId(String repo, String path, EdgeKind kind, String srcId, String dstId) {
        return hash(repo, path, kind.name(), srcId, dstId);
    }

    /**
     * A problem's id: its place and kind, its message, and how many identical problems came before it
     * in the file, so that two problems with the same code at the same span are two rows.
     */
    public String errorId(String repo, String path, String stage, String code, long bstart, long bend, String message,
                          int occurrence) {
        return hash(repo, path, stage, code, Long.toString(bstart), Long.toString(bend), String.valueOf(message),
                Integer.toString(occurrence));
    }

    /**
     * A symbol's id: the first 128 bits of SHA-256 over {@code repo NUL language NUL symbol}, with no
     * file prefix, since a symbol is not its file's (a {@code .pyi} and its {@code .py} define one).
     */
    public String symbolId(String repo, String language, String symbol) {
        return new String(hex(digest(repo, language, symbol), 16));
    }

    /** The id of the fields {@code repo, path, rest...}: the file's prefix, then the hash of them all. */
    private String hash(String repo, String path, String... rest) {
        if (!repo.equals(prefixRepo) || !path.equals(prefixPath)) {
            prefix = hex(digest(repo, path), 8);
            prefixRepo = repo;
            prefixPath = path;
        }
        return new String(prefix) + new String(hex(digest(repo, path, rest), 8));
    }

    private byte[] digest(String repo, String path, String... rest) {
        sha256.reset();
        sha256.update(repo.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(path.getBytes(StandardCharsets.UTF_8));
        for (String field : rest) {
            sha256.update((byte) 0);
            sha256.update(field.getBytes(StandardCharsets.UTF_8));
        }
        return sha256.digest();
    }

    /** The first {@code bytes} bytes of a digest, as hex digits. */
    private static char[] hex(byte[] digest, int bytes) {
        char[] out = new char[2 * bytes];
        for (int i = 0; i < bytes; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return out;
    }
}
