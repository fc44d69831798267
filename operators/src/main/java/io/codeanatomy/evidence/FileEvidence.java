package io.codeanatomy.evidence;

/**
 * One layer's evidence about one version of one file, on its way to the align operator. A Flink
 * POJO: the layer's content travels as its own compact encoding, so neither Kryo nor the layer's
 * classes are involved in shipping or checkpointing it.
 */
public class FileEvidence {
    public String repo;
    public String path;
    /** Git blob id of the version (null for a delete). */
    public String blobId;
    /**
     * Orders versions of one path: a higher version supersedes a lower one. The change source
     * numbers the commits it indexes; a snapshot is version 0.
     */
    public long version;
    public EvidenceLayer layer;
    public byte[] payload;

    public FileEvidence() {
    }

    public FileEvidence(String repo, String path, String blobId, long version, EvidenceLayer layer, byte[] payload) {
        this.repo = repo;
        this.path = path;
        this.blobId = blobId;
        this.version = version;
        this.layer = layer;
        this.payload = payload;
    }

    /** The align operator's key: the file (repo, path); the state holds one version of it at a time. */
    public String fileKey() {
        return repo + '\u0000' + path;
    }

    @Override
    public String toString() {
        return layer + " " + repo + ":" + path + " v" + version + (blobId == null ? "" : " @" + blobId);
    }
}
