package io.codeanatomy.resolve;

import java.io.Serializable;
import java.util.Map;

/**
 * What the warehouse already holds for a repository's linker, read when the linker first sees the
 * repository in a run that did not restore it from Flink state (a new {@code watch} or {@code index}
 * run over an existing warehouse): every file's link summary and commit, and the {@code xrefs} rows by file
 * (edge id to {@link XrefRows#digest}). The linker then writes only the difference, whatever an
 * earlier run left half committed.
 */
public interface PriorLinks extends Serializable {
    /** Nothing held: a fresh warehouse, or a test without one. */
    PriorLinks NONE = repo -> new Held(Map.of(), Map.of(), Map.of());

    Held load(String repo);

    /** Summaries by path; each file's commit ("" for none); xref digests by path, then by edge id. */
    record Held(Map<String, String> summaries, Map<String, String> commits, Map<String, Map<String, String>> xrefs) {
    }
}
