package io.codeanatomy.scope;

import io.codeanatomy.evidence.EvidenceDecoder;
import io.codeanatomy.evidence.EvidenceEncoder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The scope layer's model inside the CST layer's evidence record (kinds, accesses and resolutions by stable code). */
public final class ScopeModelCodec {
    private ScopeModelCodec() {
    }

    public static void encode(ScopeModel m, EvidenceEncoder e) {
        e.writeInt(m.scopes.size());
        for (Scope s : m.scopes) {
            e.writeCode(s.kind).writeString(s.name).writeInt(s.bstart).writeInt(s.bend).writeInt(s.parent)
                    .writeInt(s.line);
            writeNames(m.declaredGlobal.get(s.index), e);
            writeNames(m.declaredNonlocal.get(s.index), e);
        }
        e.writeInt(m.bindings.size());
        for (Binding b : m.bindings) {
            e.writeInt(b.scope).writeString(b.name).writeBoolean(b.parameter).writeInt(b.bstart).writeInt(b.bend);
            writeNames(b.sites, e);
        }
        e.writeInt(m.occurrences.size());
        for (Occurrence o : m.occurrences) {
            e.writeInt(o.bstart).writeInt(o.bend).writeString(o.name).writeCode(o.access).writeInt(o.scope)
                    .writeCode(o.resolution).writeInt(o.binding).writeBoolean(o.inAnnotation);
        }
        e.writeBoolean(m.postponedAnnotations).writeBoolean(m.starImport);
    }

    public static ScopeModel decode(EvidenceDecoder d) {
        int n = d.readInt();
        List<Scope> scopes = new ArrayList<>(n);
        List<Set<String>> globals = new ArrayList<>(n);
        List<Set<String>> nonlocals = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            scopes.add(new Scope(i, d.readCode(ScopeKind.class), d.readString(), d.readInt(), d.readInt(), d.readInt(), d.readInt()));
            globals.add(readNames(d));
            nonlocals.add(readNames(d));
        }
        int b = d.readInt();
        List<Binding> bindings = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            bindings.add(new Binding(i, d.readInt(), d.readString(), d.readBoolean(), d.readInt(), d.readInt(), readNames(d)));
        }
        int o = d.readInt();
        List<Occurrence> occurrences = new ArrayList<>(o);
        for (int i = 0; i < o; i++) {
            occurrences.add(new Occurrence(d.readInt(), d.readInt(), d.readString(), d.readCode(Access.class), d.readInt(),
                    d.readCode(Resolution.class), d.readInt(), d.readBoolean()));
        }
        boolean postponed = d.readBoolean();
        return new ScopeModel(scopes, bindings, occurrences, globals, nonlocals, postponed, d.readBoolean());
    }

    private static void writeNames(Set<String> names, EvidenceEncoder e) {
        e.writeInt(names.size());
        for (String name : names) {
            e.writeString(name);
        }
    }

    private static Set<String> readNames(EvidenceDecoder d) {
        int n = d.readInt();
        Set<String> out = new LinkedHashSet<>(n);
        for (int i = 0; i < n; i++) {
            out.add(d.readString());
        }
        return out;
    }
}
