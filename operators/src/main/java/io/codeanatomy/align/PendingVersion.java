package io.codeanatomy.align;

import io.codeanatomy.evidence.EvidenceLayer;

/**
 * The align operator's keyed state: the evidence of one file version that has arrived so far. A Flink
 * POJO: fields may be added (Flink's POJO schema evolution restores older state with them null), never
 * renamed. State written before the HEADER layer existed has no header and a CST payload of format 1
 * that still carries the file; {@link FileVersionAlignFunction} upgrades it when it reads it.
 */
public class PendingVersion {
    public String blobId;
    public long version;
    /** Bit per {@link EvidenceLayer} (by its stable code) that has arrived. */
    public int arrived;
    public byte[] cst;
    public byte[] cpython;
    public byte[] header;
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
            case CST -> cst = payload;
            case CPYTHON -> cpython = payload;
            case HEADER -> header = payload;
        }
    }

    byte[] get(EvidenceLayer layer) {
        return switch (layer) {
            case CST -> cst;
            case CPYTHON -> cpython;
            case HEADER -> header;
        };
    }

    boolean has(EvidenceLayer layer) {
        return (arrived & layer.bit()) != 0;
    }
}
