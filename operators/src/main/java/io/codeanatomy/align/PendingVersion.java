package io.codeanatomy.align;

/** The align operator's keyed state: the layers of one file version that have arrived so far. */
public class PendingVersion {
    public String blobId;
    public long version;
    /** Bit per {@link EvidenceLayer} that has arrived. */
    public int arrived;
    public byte[] cst;
    public byte[] cpython;
    /** Processing time at which the version is emitted with whatever has arrived. */
    public long deadline;

    public PendingVersion() {
    }

    PendingVersion(String blobId, long version, long deadline) {
        this.blobId = blobId;
        this.version = version;
        this.deadline = deadline;
    }

    void put(EvidenceLayer layer, byte[] payload) {
        arrived |= layer.bit();
        switch (layer) {
            case CST: cst = payload; break;
            case CPYTHON: cpython = payload; break;
            default: throw new IllegalStateException("no slot for layer " + layer);
        }
    }

    byte[] get(EvidenceLayer layer) {
        return layer == EvidenceLayer.CST ? cst : cpython;
    }

    boolean has(EvidenceLayer layer) {
        return (arrived & layer.bit()) != 0;
    }
}
