package io.codeanatomy.extract;

import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.evidence.FileEvidence;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.source.FileChange;

import org.apache.flink.api.common.functions.MapFunction;

/**
 * The HEADER record of each file version: identity, metadata and line starts, without the content.
 * Cheap (one byte scan), so it runs chained to the source: the content goes on only to the layers
 * that parse it.
 */
public final class FileHeaderFunction implements MapFunction<FileChange, FileEvidence> {
    private static final long serialVersionUID = 1L;

    @Override
    public FileEvidence map(FileChange change) {
        return new FileEvidence(change.repo, change.path, change.blobId, change.version, EvidenceLayer.HEADER,
                FileHeader.of(change).encode());
    }
}
