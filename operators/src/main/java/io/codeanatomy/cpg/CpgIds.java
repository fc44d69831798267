package io.codeanatomy.cpg;

import io.codeanatomy.extract.ExtractedNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable ids: the first 128 bits of SHA-256 over the identifying fields, hex encoded. Fields are
 * separated by a NUL byte so that no two field lists hash the same input.
 */
public final class CpgIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final MessageDigest sha256;

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

    public String hash(String... fields) {
        sha256.reset();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sha256.update((byte) 0);
            }
            sha256.update(fields[i].getBytes(StandardCharsets.UTF_8));
        }
        byte[] digest = sha256.digest();
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }
}
