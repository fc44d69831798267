package io.codeanatomy.evidence;

import io.codeanatomy.delta.record.OwnedRows;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * A language's fusion rules: its layers of one (not deleted) file version into the file's CPG rows.
 * Called by the align operator once every expected layer has arrived, or at the timeout with those
 * that did.
 */
public interface EvidenceFusion extends Serializable {
    /**
     * @param header the file version
     * @param layers the payload of each layer that arrived (HEADER excluded)
     * @param missing expected layers that did not arrive in time
     */
    OwnedRows fuse(FileHeader header, Map<EvidenceLayer, byte[]> layers, Set<EvidenceLayer> missing);
}
