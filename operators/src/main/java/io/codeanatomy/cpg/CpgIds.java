package io.codeanatomy.cpg;

import io.codeanatomy.extract.ExtractedNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

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
    private static final byte[][] KIND_NAMES = new byte[NodeKind.values().length][];
    private static final byte[][] EDGE_KIND_NAMES = new byte[EdgeKind.values().length][];

    static {
        for (NodeKind k : NodeKind.values()) {
            KIND_NAMES[k.ordinal()] = k.name().getBytes(StandardCharsets.UTF_8);
        }
        for (EdgeKind k : EdgeKind.values()) {
            EDGE_KIND_NAMES[k.ordinal()] = k.name().getBytes(StandardCharsets.UTF_8);
        }
    }

    private final MessageDigest sha256;
    /** The file whose prefix was computed last (rows of one file come together). */
    private String prefixRepo;
    private String prefixPath;
    /** Its id prefix, then room for the second half: an id is built here. */
    private final char[] id = new char[32];
    /** {@code repo NUL path} of that file, in UTF-8, the start of every input hashed for it. */
    private byte[] fileBytes;
    /**
     * The input hashed for one id, built field by field: per id, one digest call over one array
     * instead of a byte array per field (ids are made for every node, edge and property).
     */
    private byte[] input = new byte[256];
    private int length;
    private final byte[] digest = new byte[32];
    /** {@code SYNTAX:<grammar type>} in UTF-8, by grammar type (a grammar has a few hundred). */
    private final Map<String, byte[]> syntaxKinds = new HashMap<>();

    public CpgIds() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    public String nodeId(String repo, String path, NodeKind kind, long bstart, long bend) {
        file(repo, path);
        add(KIND_NAMES[kind.ordinal()]);
        add(bstart);
        add(bend);
        return id();
    }

    /**
     * A SYNTAX node's id hashes {@code SYNTAX:<grammar type>} in place of the kind, so that CST nodes
     * sharing a span ({@code expression_statement} around an {@code assignment}) keep distinct ids.
     */
    public String syntaxNodeId(String repo, String path, String grammarType, long bstart, long bend) {
        file(repo, path);
        add(syntaxKinds.computeIfAbsent(grammarType,
                t -> (NodeKind.SYNTAX.name() + ":" + t).getBytes(StandardCharsets.UTF_8)));
        add(bstart);
        add(bend);
        return id();
    }

    /** An EXTERNAL node has no place in the file: its id hashes its name. */
    public String externalNodeId(String repo, String path, String name) {
        file(repo, path);
        add(KIND_NAMES[NodeKind.EXTERNAL.ordinal()]);
        add(name);
        return id();
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
        file(repo, path);
        add(EDGE_KIND_NAMES[kind.ordinal()]);
        add(srcId);
        add(dstId);
        return id();
    }

    /**
     * A problem's id: its place and kind, its message, and how many identical problems came before it
     * in the file, so that two problems with the same code at the same span are two rows.
     */
    public String errorId(String repo, String path, String stage, String code, long bstart, long bend, String message,
                          int occurrence) {
        file(repo, path);
        add(stage);
        add(code);
        add(bstart);
        add(bend);
        add(String.valueOf(message));
        add(occurrence);
        return id();
    }

    /**
     * A symbol's id: the first 128 bits of SHA-256 over {@code repo NUL language NUL symbol}, with no
     * file prefix, since a symbol is not its file's (a {@code .pyi} and its {@code .py} define one).
     */
    public String symbolId(String repo, String language, String symbol) {
        length = 0;
        append(repo.getBytes(StandardCharsets.UTF_8));
        add(language);
        add(symbol);
        digest();
        char[] out = new char[32];
        hex(digest, 16, out, 0);
        return new String(out);
    }

    /**
     * Starts the input of an id of the file {@code repo, path}: its bytes, computed with the file's
     * prefix (the first half of its ids) when the file changes.
     */
    private void file(String repo, String path) {
        if (!repo.equals(prefixRepo) || !path.equals(prefixPath)) {
            byte[] r = repo.getBytes(StandardCharsets.UTF_8);
            byte[] p = path.getBytes(StandardCharsets.UTF_8);
            fileBytes = new byte[r.length + 1 + p.length];
            System.arraycopy(r, 0, fileBytes, 0, r.length);
            System.arraycopy(p, 0, fileBytes, r.length + 1, p.length);
            length = 0;
            append(fileBytes);
            digest();
            hex(digest, 8, id, 0);
            prefixRepo = repo;
            prefixPath = path;
        }
        length = 0;
        append(fileBytes);
    }

    /** The id of the input built: the file's prefix, then the first half of the input's digest. */
    private String id() {
        digest();
        hex(digest, 8, id, 16);
        return new String(id);
    }

    private void digest() {
        sha256.update(input, 0, length);
        try {
            sha256.digest(digest, 0, digest.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
        }
    }

    /** A field: a NUL separator, then its UTF-8 bytes. */
    private void add(String field) {
        add(field.getBytes(StandardCharsets.UTF_8));
    }

    private void add(byte[] field) {
        ensure(1 + field.length);
        input[length++] = 0;
        append(field);
    }

    /** A number field, as {@link Long#toString(long)} writes it (ASCII digits, a leading minus). */
    private void add(long value) {
        ensure(21);
        input[length++] = 0;
        if (value < 0) {
            input[length++] = '-';
        }
        int start = length;
        long v = value;
        do {
            input[length++] = (byte) ('0' + Math.abs(v % 10));
            v /= 10;
        } while (v != 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte b = input[i];
            input[i] = input[j];
            input[j] = b;
        }
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, input, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int more) {
        if (length + more > input.length) {
            input = java.util.Arrays.copyOf(input, Math.max(length + more, input.length * 2));
        }
    }

    /** The first {@code bytes} bytes of a digest, as hex digits, into {@code out} from {@code at}. */
    private static void hex(byte[] digest, int bytes, char[] out, int at) {
        for (int i = 0; i < bytes; i++) {
            out[at + 2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[at + 2 * i + 1] = HEX[digest[i] & 0xf];
        }
    }
}
