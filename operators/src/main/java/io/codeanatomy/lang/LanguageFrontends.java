package io.codeanatomy.lang;

import io.codeanatomy.evidence.EvidenceFusion;
import io.codeanatomy.evidence.EvidenceLayer;
import io.codeanatomy.cpg.CpgRowWriter;
import io.codeanatomy.cpg.GraphRules;
import io.codeanatomy.extract.ExtractionProblem;
import io.codeanatomy.extract.FileExtraction;
import io.codeanatomy.delta.record.OwnedRows;
import io.codeanatomy.evidence.ContentState;
import io.codeanatomy.evidence.FileHeader;
import io.codeanatomy.lang.python.PythonFrontend;
import io.codeanatomy.source.ChangeKind;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registered language frontends, and what is the same for every language: a file version always
 * sends its HEADER; a deleted file sends nothing else and loses its rows; a file of no registered
 * language (the file selector lets none through) gets its HEADER alone, a files row and an error row.
 */
public final class LanguageFrontends implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, LanguageFrontend> byLanguage = new LinkedHashMap<>();
    private transient Map<String, EvidenceFusion> fusions;

    private LanguageFrontends(List<LanguageFrontend> frontends) {
        for (LanguageFrontend f : frontends) {
            if (byLanguage.put(f.language().id(), f) != null) {
                throw new IllegalArgumentException("two frontends for " + f.language().id());
            }
        }
    }

    /** Every frontend this build has: register a new language here. */
    public static LanguageFrontends all() {
        return new LanguageFrontends(List.of(new PythonFrontend()));
    }

    public Optional<LanguageFrontend> of(String language) {
        return Optional.ofNullable(language == null ? null : byLanguage.get(language));
    }

    /** The layers that send evidence about a file version, of those the job is {@code running}. */
    public Set<EvidenceLayer> layers(String language, ChangeKind kind, ContentState content, Set<EvidenceLayer> running) {
        Set<EvidenceLayer> layers = EnumSet.of(EvidenceLayer.HEADER);
        if (kind != ChangeKind.DELETE) {
            of(language).ifPresent(f -> layers.addAll(f.layers(content, running)));
        }
        return layers;
    }

    public Set<EvidenceLayer> layers(FileHeader header, Set<EvidenceLayer> running) {
        return layers(header.language, header.kind, header.content, running);
    }

    /** The rows of a file version from the layers that arrived: generic for deletes, else the language's fusion. */
    public OwnedRows rows(FileHeader header, Map<EvidenceLayer, byte[]> layers, Set<EvidenceLayer> missing) {
        if (header.deleted()) {
            return CpgRowWriter.deleted(header);
        }
        if (missing.contains(EvidenceLayer.CST)) {
            // Nothing to fuse without the tree, but the file is not dropped: its files row and an error row.
            return new CpgRowWriter().write(header, FileExtraction.skipped(FileExtraction.LAYER_TIMEOUT,
                    ExtractionProblem.wholeFile("cst", "layer_timeout", "the CST layer's evidence of " + header.path
                            + " did not arrive in time (--align-timeout); the file is indexed without its syntax tree")),
                    GraphRules.NONE);
        }
        if (fusions == null) {
            fusions = new LinkedHashMap<>();
        }
        Optional<LanguageFrontend> frontend = of(header.language);
        if (frontend.isEmpty()) {
            return new CpgRowWriter().write(header, FileExtraction.skipped(FileExtraction.UNSUPPORTED,
                    ExtractionProblem.wholeFile("source", "unsupported_language", header.path + " is of language '"
                            + header.language + "', which has no frontend (registered: " + byLanguage.keySet() + ")")),
                    GraphRules.NONE);
        }
        return fusions.computeIfAbsent(header.language, l -> frontend.get().fusion()).fuse(header, layers, missing);
    }
}
