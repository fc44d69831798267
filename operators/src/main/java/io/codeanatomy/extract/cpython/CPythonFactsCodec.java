package io.codeanatomy.extract.cpython;

import io.codeanatomy.evidence.EvidenceDecoder;
import io.codeanatomy.evidence.EvidenceEncoder;
import io.codeanatomy.evidence.EvidenceFormat;

import java.util.ArrayList;
import java.util.List;

/** The CPython layer's evidence on the wire and in the align operator's state. */
public final class CPythonFactsCodec {
    private CPythonFactsCodec() {
    }

    public static byte[] encode(CPythonFacts facts) {
        EvidenceEncoder e = new EvidenceEncoder(EvidenceFormat.CPYTHON);
        e.writeString(facts.status.name()).writeString(facts.message).writeInt(facts.errorLine);
        e.writeInt(facts.ast.size());
        for (CPythonFacts.AstNode n : facts.ast) {
            e.writeString(n.type).writeInt(n.line).writeInt(n.column).writeInt(n.endLine).writeInt(n.endColumn)
                    .writeString(n.context).writeString(n.name);
        }
        e.writeInt(facts.scopes.size());
        for (CPythonFacts.Scope s : facts.scopes) {
            e.writeString(s.type).writeString(s.name).writeInt(s.line).writeInt(s.symbols.size());
            for (CPythonFacts.Symbol sym : s.symbols) {
                e.writeString(sym.name).writeString(String.join(",", sym.flags));
            }
        }
        return e.toByteArray();
    }

    public static CPythonFacts decode(byte[] payload) {
        EvidenceDecoder d = new EvidenceDecoder(payload, EvidenceFormat.CPYTHON);
        CPythonFacts.Status status = CPythonFacts.Status.valueOf(d.readString());
        String message = d.readString();
        int errorLine = d.readInt();
        int n = d.readInt();
        List<CPythonFacts.AstNode> ast = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ast.add(new CPythonFacts.AstNode(d.readString(), d.readInt(), d.readInt(), d.readInt(), d.readInt(),
                    d.readString(), d.readString()));
        }
        int scopeCount = d.readInt();
        List<CPythonFacts.Scope> scopes = new ArrayList<>(scopeCount);
        for (int i = 0; i < scopeCount; i++) {
            String type = d.readString();
            String name = d.readString();
            int line = d.readInt();
            int symbolCount = d.readInt();
            List<CPythonFacts.Symbol> symbols = new ArrayList<>(symbolCount);
            for (int k = 0; k < symbolCount; k++) {
                String symbol = d.readString();
                String flags = d.readString();
                symbols.add(new CPythonFacts.Symbol(symbol, flags.isEmpty() ? List.of() : List.of(flags.split(","))));
            }
            scopes.add(new CPythonFacts.Scope(type, name, line, symbols));
        }
        return new CPythonFacts(status, ast, scopes, message, errorLine);
    }
}
