package io.codeanatomy.align;

import io.codeanatomy.delta.record.OwnedRows;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * Fuses the layers of one file version into the file's CPG rows. Called by the align operator once
 * every expected layer has arrived, or at the timeout with those that did.
 */
public interface EvidenceFusion extends Serializable {
    /**
     * @param layers the payload of each layer that arrived
     * @param missing expected layers that did not arrive in time
     */
    OwnedRows fuse(String repo, String path, Map<EvidenceLayer, byte[]> layers, Set<EvidenceLayer> missing);
}
