package io.codeanatomy.resolve.python;

import io.codeanatomy.cpg.EdgeKind;
import io.codeanatomy.cpg.FileRows;
import io.codeanatomy.cpg.NodeKind;
import io.codeanatomy.cpg.SymbolDefinition;
import io.codeanatomy.cpg.SymbolKind;
import io.codeanatomy.cpg.python.SelfParameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a file's attribute chains, calls and classes off its rows, for {@link ModuleSummary}: which
 * ATTRIBUTE and CALL nodes are a plain dotted chain ({@code a.b.c}: nothing but names inside), and
 * where such a chain starts ({@link ModuleSummary.Root}): a module-level name, a name an import in a
 * function binds, or the {@code self}/{@code cls} parameter of a method. A chain starting anywhere
 * else (a local variable, a parameter, a call result) is left to later work.
 */
final class References {
    private static final Set<String> INSIDE_A_CHAIN = Set.of(NodeKind.NAME.name(), NodeKind.ATTRIBUTE.name(),
            NodeKind.COMMENT.name());

    private final FileRows rows;
    private final Map<String, Object[]> nodes;
    private final List<Object[]> sorted = new ArrayList<>();
    private final Map<Long, Integer> firstAt = new HashMap<>();
    private final Map<String, String> refersTo;
    private final Map<String, String> declaredIn;
    private final Map<String, String> enclosedBy;
    private final Map<String, String> container;
    private final Set<String> importVariables = new HashSet<>();
    private final Map<String, String> selfClass = new HashMap<>(); // first PARAMETER of a method -> class symbol
    private final Map<String, String> classSymbols = new HashMap<>(); // CLASS node -> symbol
    private final String module;
    private final Map<String, String> annotations = new HashMap<>(); // PARAMETER, NAME or ATTRIBUTE -> annotation prop
    private final Map<String, String> valueCalls = new HashMap<>(); // NAME -> value_call prop
    private final Map<String, List<String>> writes = new HashMap<>(); // VARIABLE -> the NAMEs that bind it
    private final Set<String> typing = new HashSet<>();
    private final Map<Long, Object[]> namesAt = new HashMap<>();
    private final Set<String> moduleNames;

    References(FileRows rows, Map<String, Object[]> nodes, String module, List<ImportItem> imports,
               List<SymbolDefinition> symbols, Set<String> moduleNames) {
        this.rows = rows;
        this.nodes = nodes;
        this.module = module;
        this.moduleNames = moduleNames;
        Set<String> writeEdges = new HashSet<>();
        for (Object[] p : rows.props()) {
            switch (FileRows.propColumn(p, "key")) {
                case "annotation" -> annotations.put(FileRows.propColumn(p, "entity_id"), FileRows.propColumn(p, "value_string"));
                case "value_call" -> valueCalls.put(FileRows.propColumn(p, "entity_id"), FileRows.propColumn(p, "value_string"));
                case "access" -> {
                    if ("write".equals(FileRows.propColumn(p, "value_string"))) {
                        writeEdges.add(FileRows.propColumn(p, "entity_id"));
                    }
                }
                default -> {
                }
            }
        }
        for (Object[] e : rows.edges()) {
            if (writeEdges.contains(FileRows.edgeColumn(e, "edge_id"))) {
                writes.computeIfAbsent(FileRows.edgeColumn(e, "dst_id"), k -> new ArrayList<>()).add(FileRows.edgeColumn(e, "src_id"));
            }
        }
        for (Object[] n : rows.nodes()) {
            String kind = FileRows.nodeColumn(n, "kind");
            if (!kind.equals(NodeKind.VARIABLE.name()) && !kind.equals(NodeKind.EXTERNAL.name())) {
                sorted.add(n);
            }
        }
        sorted.sort(Comparator.comparingLong((Object[] n) -> (Long) n[FileRows.index("bstart")])
                .thenComparing(n -> -(Long) n[FileRows.index("bend")]));
        for (int i = sorted.size() - 1; i >= 0; i--) {
            firstAt.put((Long) sorted.get(i)[FileRows.index("bstart")], i);
        }
        for (Object[] n : sorted) {
            if (FileRows.nodeColumn(n, "kind").equals(NodeKind.NAME.name())) {
                namesAt.put((Long) n[FileRows.index("bstart")], n);
            }
        }
        this.refersTo = rows.destinationBySource(EdgeKind.REFERS_TO);
        this.enclosedBy = rows.destinationBySource(EdgeKind.ENCLOSED_BY);
        this.container = rows.sourceByDestination(EdgeKind.CONTAINS);
        this.declaredIn = rows.sourceByDestination(EdgeKind.DECLARES);
        for (ImportItem i : imports) {
            if (i.boundVariable() != null) {
                importVariables.add(i.boundVariable());
            }
        }
        for (SymbolDefinition d : symbols) {
            if (d.kind() == SymbolKind.CLASS) {
                classSymbols.put(d.defNodeId(), d.symbol());
            }
        }
        findSelfParameters();
    }

    /** The first parameter of every method not decorated {@code @staticmethod}: {@code self} or {@code cls}. */
    private void findSelfParameters() {
        SelfParameters.of(rows, nodes).forEach((parameter, cls) -> {
            String symbol = classSymbols.get(cls);
            if (symbol != null) {
                selfClass.put(parameter, symbol);
            }
        });
    }

    /** Every pure attribute chain and every call of a pure chain or name, with a known root. */
    List<ModuleSummary.Reference> references() {
        List<ModuleSummary.Reference> out = new ArrayList<>();
        Map<String, Map<String, Object>> props = new HashMap<>();
        for (Object[] p : rows.props()) {
            String key = FileRows.propColumn(p, "key");
            if (key.equals("callee_bstart") || key.equals("callee_bend")) {
                props.computeIfAbsent(FileRows.propColumn(p, "entity_id"), k -> new HashMap<>())
                        .put(key, p[io.codeanatomy.schema.CpgSchema.PROPS_TABLE.index("value_long")]);
            } else if (key.equals("keywords")) {
                props.computeIfAbsent(FileRows.propColumn(p, "entity_id"), k -> new HashMap<>())
                        .put(key, FileRows.propColumn(p, "value_string"));
            }
        }
        for (Object[] n : sorted) {
            String kind = FileRows.nodeColumn(n, "kind");
            String id = FileRows.nodeColumn(n, "node_id");
            if (kind.equals(NodeKind.ATTRIBUTE.name())) {
                chain((Long) n[FileRows.index("bstart")], (Long) n[FileRows.index("bend")])
                        .ifPresent(c -> out.add(new ModuleSummary.Reference(id, false, c.root, c.steps)));
            } else if (kind.equals(NodeKind.CALL.name())) {
                Map<String, Object> callee = props.get(id);
                if (callee != null && callee.get("callee_bstart") != null && callee.get("callee_bend") != null) {
                    List<ModuleSummary.Keyword> keywords = keywords((String) callee.get("keywords"));
                    chain((Long) callee.get("callee_bstart"), (Long) callee.get("callee_bend"))
                            .ifPresent(c -> out.add(new ModuleSummary.Reference(id, true, c.root, c.steps, keywords)));
                }
            }
        }
        return out;
    }

    /** The NAME nodes of a CALL's {@code keywords} prop ({@code bstart:name,...}). */
    private List<ModuleSummary.Keyword> keywords(String prop) {
        if (prop == null) {
            return List.of();
        }
        List<ModuleSummary.Keyword> out = new ArrayList<>();
        for (String k : prop.split(",")) {
            int colon = k.indexOf(':');
            Object[] name = namesAt.get(Long.parseLong(k.substring(0, colon)));
            if (name != null) {
                out.add(new ModuleSummary.Keyword(FileRows.nodeColumn(name, "node_id"), k.substring(colon + 1)));
            }
        }
        return out;
    }

    private record Chain(ModuleSummary.Root root, List<String> steps) {
    }

    /**
     * The chain spanning exactly {@code [start, end)}: its names, if nothing else is inside, and its
     * root, if known; or {@code super().a.b} in a method, rooted at the method's class.
     */
    private java.util.Optional<Chain> chain(long start, long end) {
        Integer from = firstAt.get(start);
        if (from == null) {
            return java.util.Optional.empty();
        }
        List<Object[]> names = new ArrayList<>();
        Object[] superCall = null;
        for (int i = from; i < sorted.size() && (Long) sorted.get(i)[FileRows.index("bstart")] < end; i++) {
            Object[] n = sorted.get(i);
            if (superCall != null && (Long) n[FileRows.index("bstart")] < (Long) superCall[FileRows.index("bend")]) {
                continue; // the arguments of super(C, self)
            }
            if (superCall == null && names.isEmpty() && (Long) n[FileRows.index("bstart")] == start
                    && FileRows.nodeColumn(n, "kind").equals(NodeKind.CALL.name()) && "super".equals(FileRows.nodeColumn(n, "name"))
                    && (Long) n[FileRows.index("bend")] < end) {
                superCall = n;
                continue;
            }
            long nend = (Long) n[FileRows.index("bend")];
            if ((Long) n[FileRows.index("bstart")] == start
                    && (nend > end || nend == end && !INSIDE_A_CHAIN.contains(FileRows.nodeColumn(n, "kind")))) {
                continue; // encloses or wraps the chain (the call it is the callee of, a statement, a type)
            }
            if ((Long) n[FileRows.index("bend")] > end || !INSIDE_A_CHAIN.contains(FileRows.nodeColumn(n, "kind"))) {
                return java.util.Optional.empty();
            }
            if (FileRows.nodeColumn(n, "kind").equals(NodeKind.NAME.name())) {
                names.add(n);
            }
        }
        if (superCall != null) {
            String cls = classSymbols.get(container.get(enclosedBy.get(FileRows.nodeColumn(superCall, "node_id"))));
            if (cls == null || names.isEmpty() || (Long) names.get(names.size() - 1)[FileRows.index("bend")] != end) {
                return java.util.Optional.empty();
            }
            List<String> steps = new ArrayList<>();
            for (Object[] n : names) {
                steps.add(FileRows.nodeColumn(n, "name"));
            }
            return java.util.Optional.of(new Chain(ModuleSummary.Root.superOf(cls), steps));
        }
        if (names.isEmpty() || (Long) names.get(0)[FileRows.index("bstart")] != start
                || (Long) names.get(names.size() - 1)[FileRows.index("bend")] != end) {
            return java.util.Optional.empty();
        }
        ModuleSummary.Root root = rootOf(names.get(0));
        if (root == null) {
            return java.util.Optional.empty();
        }
        List<String> steps = new ArrayList<>();
        for (int i = 1; i < names.size(); i++) {
            steps.add(FileRows.nodeColumn(names.get(i), "name"));
        }
        return java.util.Optional.of(new Chain(root, steps));
    }

    /** Where a chain whose first NAME is {@code name} starts, or null when the linker cannot know. */
    ModuleSummary.Root rootOf(Object[] name) {
        String target = refersTo.get(FileRows.nodeColumn(name, "node_id"));
        Object[] t = target == null ? null : nodes.get(target);
        if (t == null) {
            return null;
        }
        String kind = FileRows.nodeColumn(t, "kind");
        if (kind.equals(NodeKind.VARIABLE.name())) {
            if (module != null && module.equals(declaredIn.get(target))) {
                return ModuleSummary.Root.moduleName(FileRows.nodeColumn(t, "name"));
            }
            return importVariables.contains(target) ? ModuleSummary.Root.importedVariable(target) : localType(target);
        }
        if (kind.equals(NodeKind.PARAMETER.name())) {
            String cls = selfClass.get(target);
            if (cls != null) {
                return ModuleSummary.Root.selfOf(cls);
            }
            String annotation = annotations.get(target);
            return annotation == null ? null : instanceOf(annotation);
        }
        return null;
    }

    /**
     * The type of a function's local variable when its bindings say it: an annotation on any of them
     * (the declared type), else one and the same call on the right of every one ({@code x = Foo()}),
     * whose result the linker works out (an instance, when the callee is a class).
     */
    private ModuleSummary.Root localType(String variable) {
        if (!typing.add(variable)) {
            return null; // x = x(): no type from itself
        }
        try {
            return declaredOrCalled(variable);
        } finally {
            typing.remove(variable);
        }
    }

    private ModuleSummary.Root declaredOrCalled(String variable) {
        List<String> names = writes.getOrDefault(variable, List.of());
        for (String n : names) {
            String annotation = annotations.get(n);
            if (annotation != null) {
                return instanceOf(annotation);
            }
        }
        String call = null;
        for (String n : names) {
            String c = valueCalls.get(n);
            if (c == null || call != null && !call.substring(call.indexOf(':')).equals(c.substring(c.indexOf(':')))) {
                return null;
            }
            call = call == null ? c : call;
        }
        if (call == null) {
            return null;
        }
        ModuleSummary.Root callee = instanceOf(call);
        return callee == null ? null : ModuleSummary.Root.resultOf(callee.classRoot(), callee.classSteps());
    }

    /** An instance of the class an annotation prop ({@code bstart:dotted} or {@code @:dotted}) names. */
    private ModuleSummary.Root instanceOf(String annotation) {
        int colon = annotation.indexOf(':');
        List<String> parts = List.of(annotation.substring(colon + 1).split("\\."));
        ModuleSummary.Root root;
        if (annotation.startsWith("@:")) {
            root = moduleNames.contains(parts.get(0)) ? ModuleSummary.Root.moduleName(parts.get(0)) : null;
        } else {
            Object[] first = namesAt.get(Long.parseLong(annotation.substring(0, colon)));
            root = first == null ? null : rootOf(first);
        }
        if (root == null || root.kind() == 'c' || root.kind() == 'i') {
            return null;
        }
        return ModuleSummary.Root.instanceOf(root, parts.subList(1, parts.size()));
    }

    /** The file's classes: bases from the CLASS prop {@code bases}, members from the symbols defined directly in them. */
    List<ModuleSummary.ClassInfo> classes(List<SymbolDefinition> symbols) {
        Map<String, String> basesProp = new HashMap<>();
        Map<String, String> stores = new HashMap<>();
        for (Object[] p : rows.props()) {
            if ("bases".equals(FileRows.propColumn(p, "key"))) {
                basesProp.put(FileRows.propColumn(p, "entity_id"), FileRows.propColumn(p, "value_string"));
            } else if ("store".equals(FileRows.propColumn(p, "key"))) {
                stores.put(FileRows.propColumn(p, "entity_id"), FileRows.propColumn(p, "value_string"));
            }
        }
        List<ModuleSummary.ClassInfo> out = new ArrayList<>();
        for (SymbolDefinition c : symbols) {
            if (c.kind() != SymbolKind.CLASS) {
                continue;
            }
            List<ModuleSummary.Base> bases = new ArrayList<>();
            String prop = basesProp.get(c.defNodeId());
            if (prop != null) {
                for (String base : prop.split(",")) {
                    int colon = base.indexOf(':');
                    Object[] first = namesAt.get(Long.parseLong(base.substring(0, colon)));
                    ModuleSummary.Root root = first == null ? null : rootOf(first);
                    if (root != null) {
                        List<String> parts = List.of(base.substring(colon + 1).split("\\."));
                        bases.add(new ModuleSummary.Base(root, parts.subList(1, parts.size())));
                    }
                }
            }
            List<ModuleSummary.Member> members = new ArrayList<>();
            for (SymbolDefinition m : symbols) {
                String rest = m.symbol().startsWith(c.symbol()) ? m.symbol().substring(c.symbol().length()) : null;
                if (rest == null || rest.isEmpty() || !isOneDescriptor(rest, m.kind())) {
                    continue;
                }
                String annotation = annotations.get(m.defNodeId());
                if (annotation == null && m.kind() == SymbolKind.ATTRIBUTE) {
                    Object[] name = namesAt.get(m.bstart()); // a class variable: its VARIABLE spans its first binding's NAME
                    annotation = name == null ? null : annotations.get(FileRows.nodeColumn(name, "node_id"));
                }
                ModuleSummary.Root type = annotation == null ? null : instanceOf(annotation);
                members.add(new ModuleSummary.Member(m.name(), m.symbol(), m.kind().name(), m.defNodeId(),
                        "assigned".equals(stores.get(m.defNodeId())), type == null ? null : type.text()));
            }
            out.add(new ModuleSummary.ClassInfo(c.symbol(), c.defNodeId(), bases, members));
        }
        return out;
    }

    /** Whether {@code rest} (a symbol after its class's) is one member descriptor: {@code m().}, {@code x.}, {@code D#}. */
    private static boolean isOneDescriptor(String rest, SymbolKind kind) {
        String body = switch (kind) {
            case METHOD -> rest.endsWith("().") ? rest.substring(0, rest.length() - 3) : null;
            case ATTRIBUTE -> rest.endsWith(".") ? rest.substring(0, rest.length() - 1) : null;
            case CLASS -> rest.endsWith("#") ? rest.substring(0, rest.length() - 1) : null;
            default -> null;
        };
        return body != null && !body.isEmpty() && (body.startsWith("`") || !body.matches(".*[#./()`].*"));
    }
}
