package io.codeanatomy.resolve;

import io.codeanatomy.cpg.CpgIds;
import io.codeanatomy.delta.schema.TableSpec;
import io.codeanatomy.resolve.python.LinkTarget;
import io.codeanatomy.resolve.python.PythonLinker;
import io.codeanatomy.schema.CpgSchema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Rows of the {@code xrefs} table, and the digest of a row, by which the linker tells a changed edge
 * from an unchanged one: computed the same way from a row it builds and from a row read back from
 * the table. A row's commit is its referencing file's (the commit of the file version whose
 * occurrences it resolves), so a file's new version rewrites its edges and nobody else's.
 */
public final class XrefRows {
    private static final TableSpec XREFS = CpgSchema.XREFS_TABLE;
    private static final String[] CONTENT = {"kind", "src_id", "dst_id", "target", "target_kind", "resolution", "hops",
            "confidence", "commit"};

    private final CpgIds ids = new CpgIds();

    public Object[] row(String repo, String path, PythonLinker.Link link, String commit) {
        LinkTarget t = link.target();
        String dst = ids.symbolId(repo, "python", t.symbol());
        Object[] row = new Object[XREFS.width()];
        row[XREFS.index("repo")] = repo;
        row[XREFS.index("path")] = path;
        row[XREFS.index("edge_id")] = ids.edgeId(repo, path, link.kind(), link.srcId(), dst);
        row[XREFS.index("kind")] = link.kind().name();
        row[XREFS.index("src_id")] = link.srcId();
        row[XREFS.index("dst_id")] = dst;
        row[XREFS.index("target")] = t.symbol();
        row[XREFS.index("target_kind")] = t.kind();
        row[XREFS.index("resolution")] = t.resolution();
        row[XREFS.index("hops")] = t.hops();
        row[XREFS.index("confidence")] = t.confidence();
        row[XREFS.index("commit")] = commit;
        return row;
    }

    public static String edgeId(Object[] row) {
        return (String) row[XREFS.index("edge_id")];
    }

    public static String path(Object[] row) {
        return (String) row[XREFS.index("path")];
    }

    /** 64 bits of SHA-256 over the row's columns but its owner and id, as hex. */
    public static String digest(Object[] row) {
        StringBuilder content = new StringBuilder();
        for (String column : CONTENT) {
            content.append(row[XREFS.index(column)]).append('\u0000');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
