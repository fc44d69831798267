package io.codeanatomy.cpg;

/**
 * A symbol a file defines: its position-free name ({@code symbol}, a SCIP-style descriptor chain such as
 * {@code `json.decoder`/JSONDecoder#decode().}), what kind of definition it is, and the node that
 * defines it. The symbol names the definition across edits; the node id moves with the bytes.
 */
public record SymbolDefinition(String symbol, SymbolKind kind, String name, String defNodeId, long bstart, long bend,
                               int startLine) {
}
