package io.codeanatomy.align.python;

import io.codeanatomy.cpg.EdgeKind;
import io.codeanatomy.cpg.NodeKind;
import io.codeanatomy.extract.ExtractedEdge;
import io.codeanatomy.extract.ExtractedNode;
import io.codeanatomy.extract.FileExtraction;
import io.codeanatomy.extract.cpython.CPythonFacts;
import io.codeanatomy.scope.Binding;
import io.codeanatomy.scope.Occurrence;
import io.codeanatomy.scope.Resolution;
import io.codeanatomy.scope.ScopeKind;
import io.codeanatomy.scope.Scope;
import io.codeanatomy.scope.ScopeModel;
import io.codeanatomy.scope.python.ScopePairing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the scope layer into graph rows and checks it against CPython's symtable: a VARIABLE per
 * binding (DECLARES from its scope's node), PARAMETER nodes as the bindings of parameters, a
 * REFERS_TO edge from each occurrence's NAME to its binding or to an EXTERNAL node, symtable's flags
 * on bindings, and a confidence on each REFERS_TO that says whether symtable agrees.
 */
final class ScopeFusion {
    static final String ORIGIN = "scope";
    static final double AGREED = 1.0;
    static final double UNCHECKED = 0.9;
    static final double DISPUTED = 0.5;

    private final ScopeModel model;
    private final FileExtraction extraction;
    private final ExtractedNode module;
    /** symtable's scope for each of ours (-1 when unpaired); null without symtable evidence. */
    private final int[] paired;
    private final List<CPythonFacts.Scope> symtable;
    private final List<Map<String, List<String>>> flagsByScope = new ArrayList<>();
    private final Map<String, ExtractedNode> syntaxNodes = new HashMap<>();

    private ScopeFusion(ScopeModel model, CPythonFacts facts, FileExtraction extraction, ExtractedNode module) {
        this.model = model;
        this.extraction = extraction;
        this.module = module;
        boolean evidence = facts != null && facts.status == CPythonFacts.Status.OK;
        this.symtable = evidence ? facts.scopes : List.of();
        this.paired = evidence ? new ScopePairing(model.scopes, facts.scopes).symtableOf : null;
        for (ExtractedNode n : extraction.nodes) {
            if (!isLookedUp(n)) {
                continue; // most nodes are names and syntax: no identity string for them
            }
            syntaxNodes.put(identity(n.kind, n.kind == NodeKind.SYNTAX ? n.name : null, n.bstart, n.bend), n);
        }
    }

    /** @param facts CPython's answer for the same version, or null when there is none */
    static void apply(ScopeModel model, CPythonFacts facts, FileExtraction extraction, ExtractedNode module) {
        new ScopeFusion(model, facts, extraction, module).run();
    }

    private void run() {
        ExtractedNode[] targets = new ExtractedNode[model.bindings.size()];
        for (Binding b : model.bindings) {
            targets[b.index] = binding(b);
        }
        Map<String, ExtractedNode> externals = new TreeMap<>();
        for (Occurrence o : model.occurrences) {
            ExtractedNode target = o.binding >= 0 ? targets[o.binding] : externals.computeIfAbsent(
                    o.resolution == Resolution.BUILTIN ? "builtins." + o.name : o.name,
                    name -> new ExtractedNode(NodeKind.EXTERNAL, name, 0, 0)
                            .prop("external_kind", externalKind(o)));
            String disagreement = symtableDisagreement(o);
            double confidence = disagreement != null ? DISPUTED : checked(o) ? AGREED : UNCHECKED;
            extraction.edges.add(new ExtractedEdge(EdgeKind.REFERS_TO, new ExtractedNode(NodeKind.NAME, o.name, o.bstart, o.bend),
                    target, ORIGIN, confidence)
                    .prop("access", o.access.name().toLowerCase(Locale.ROOT))
                    .prop("resolution", o.resolution.name().toLowerCase(Locale.ROOT))
                    .prop("layer_disagreement", disagreement));
        }
        extraction.nodes.addAll(externals.values());
    }

    /** A builtin; a name a star import may provide; or a name nothing in the file binds. */
    private String externalKind(Occurrence o) {
        if (o.resolution == Resolution.BUILTIN) {
            return "builtin";
        }
        return model.starImport ? "star_import" : "unresolved";
    }

    /** The node standing for a binding: the PARAMETER node of a parameter, else a new VARIABLE. */
    private ExtractedNode binding(Binding b) {
        List<String> flags = flags(b.scope, b.name);
        String disagreement = paired(b.scope) && (flags == null || !(flags.contains("local") || flags.contains("parameter")))
                ? "symtable does not bind " + b.name + " in " + model.scopes.get(b.scope) : null;
        ExtractedNode node = b.parameter ? syntaxNodes.get(identity(NodeKind.PARAMETER, null, b.bstart, b.bend)) : null;
        if (node == null) {
            node = new ExtractedNode(NodeKind.VARIABLE, b.name, b.bstart, b.bend)
                    .prop("binding_sites", String.join(",", new TreeSet<>(b.sites)));
            extraction.nodes.add(node);
            ExtractedNode scope = scopeNode(model.scopes.get(b.scope));
            if (scope != null) {
                extraction.edges.add(new ExtractedEdge(EdgeKind.DECLARES, scope, node, ORIGIN, 1.0));
            }
        }
        node.prop("symtable_flags", flags == null ? null : String.join(",", flags)).prop("layer_disagreement", disagreement);
        return node;
    }

    /** The CPG node of a scope; null when the graph does not keep it (a comprehension under {@code --cst typed}). */
    private ExtractedNode scopeNode(Scope s) {
        return switch (s.kind) {
            case MODULE -> module;
            case CLASS -> syntaxNodes.get(identity(NodeKind.CLASS, null, s.bstart, s.bend));
            case FUNCTION -> syntaxNodes.get(identity(NodeKind.FUNCTION, null, s.bstart, s.bend));
            case LAMBDA -> syntaxNodes.get(identity(NodeKind.LAMBDA, null, s.bstart, s.bend));
            case COMPREHENSION -> syntaxNodes.get(identity(NodeKind.SYNTAX, comprehensionType(s.name), s.bstart, s.bend));
        };
    }

    /** The nodes this class looks up: parameters and the nodes of scopes. */
    private static boolean isLookedUp(ExtractedNode n) {
        return switch (n.kind) {
            case PARAMETER, CLASS, FUNCTION, LAMBDA -> true;
            case SYNTAX -> n.name.endsWith("_comprehension") || n.name.equals("generator_expression");
            default -> false;
        };
    }

    private static String comprehensionType(String symtableName) {
        return switch (symtableName) {
            case "listcomp" -> "list_comprehension";
            case "setcomp" -> "set_comprehension";
            case "dictcomp" -> "dictionary_comprehension";
            default -> "generator_expression";
        };
    }

    /** Whether symtable can vouch for this occurrence (its scope is paired and the name is listed there). */
    private boolean checked(Occurrence o) {
        return flags(o.scope, o.name) != null && !(o.inAnnotation && model.postponedAnnotations) && !readBeforeBinding(o);
    }

    /**
     * A class or module body's read of a name it binds only later, which we resolve past that scope
     * (LOAD_NAME): symtable calls the name local to the scope and cannot see the order, so it neither
     * confirms nor disputes it.
     */
    private boolean readBeforeBinding(Occurrence o) {
        ScopeKind kind = model.scopes.get(o.scope).kind;
        List<String> flags = flags(o.scope, o.name);
        return (kind == ScopeKind.CLASS || kind == ScopeKind.MODULE) && o.resolution != Resolution.LOCAL
                && flags != null && flags.contains("local");
    }

    /** How symtable's view of the name in the occurrence's scope differs from our resolution, or null. */
    private String symtableDisagreement(Occurrence o) {
        List<String> flags = flags(o.scope, o.name);
        if (flags == null || (o.inAnnotation && model.postponedAnnotations) || readBeforeBinding(o)) {
            return null;
        }
        boolean agrees = switch (o.resolution) {
            case LOCAL -> flags.contains("local");
            case ENCLOSING -> flags.contains("free");
            default -> flags.contains("global") || flags.contains("declared_global");
        };
        return agrees ? null : "resolved " + o.resolution.name().toLowerCase(Locale.ROOT) + ", symtable flags " + flags;
    }

    private boolean paired(int scope) {
        return paired != null && paired[scope] >= 0;
    }

    private List<String> flags(int scope, String name) {
        if (!paired(scope)) {
            return null;
        }
        while (flagsByScope.size() <= scope) {
            flagsByScope.add(null);
        }
        Map<String, List<String>> flags = flagsByScope.get(scope);
        if (flags == null) {
            flags = new HashMap<>();
            for (CPythonFacts.Symbol sym : symtable.get(paired[scope]).symbols) {
                flags.put(sym.name, sym.flags);
            }
            flagsByScope.set(scope, flags);
        }
        return flags.get(name);
    }

    private static String identity(NodeKind kind, String syntaxType, int bstart, int bend) {
        return kind + ":" + (syntaxType == null ? "" : syntaxType) + ":" + bstart + ":" + bend;
    }
}
