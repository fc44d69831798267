package io.codeanatomy.delta.sink;

import io.codeanatomy.delta.kernel.StagedFile;
import io.codeanatomy.delta.record.Owner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SHA-256 of what a checkpoint staged: its owners, its keys per table and its data files
 * (path and size) per table, each in sorted order. A replay restores the committable from Flink's
 * state, so it carries exactly the same owners and file paths and hashes the same; different data
 * under the same transaction id (a reused checkpoint id) hashes differently even when it replaces
 * as many owners. Staged file names are unique, so two stagings of the same rows differ too.
 */
final class StagedDigest {
    private StagedDigest() {
    }

    static String of(TableWrites writes) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        // Tagged, NUL-separated fields, one line per item: an owner cannot pass for a key or a file.
        for (Owner owner : writes.owners()) {
            field(sha, "owner", owner.repo(), owner.path());
        }
        for (Map.Entry<String, Set<String>> keys : writes.keysByTable().entrySet()) {
            for (String key : keys.getValue()) {
                field(sha, "key", keys.getKey(), key);
            }
        }
        for (Map.Entry<String, List<StagedFile>> files : writes.filesByTable().entrySet()) {
            List<StagedFile> sorted = new ArrayList<>(files.getValue());
            sorted.sort(Comparator.comparing(StagedFile::path));
            for (StagedFile f : sorted) {
                field(sha, "file", files.getKey(), f.path(), Long.toString(f.size()));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void field(MessageDigest sha, String tag, String... values) {
        sha.update(tag.getBytes(StandardCharsets.UTF_8));
        for (String v : values) {
            sha.update((byte) 0);
            sha.update(v.getBytes(StandardCharsets.UTF_8));
        }
        sha.update((byte) '\n');
    }
}
