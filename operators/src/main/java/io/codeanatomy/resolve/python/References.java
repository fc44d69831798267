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
 * Reads a file's attribute chains, calls, classes and declared types off its rows, for
 * {@link ModuleSummary}: which ATTRIBUTE and CALL nodes are a chain of names and calls
 * ({@code a.b(x).c}), and where such a chain starts ({@link ModuleSummary.Root}): a module-level name,
 * a name an import in a function binds, the {@code self}/{@code cls} parameter of a method,
 * {@code super()}, a parameter annotated with a class, or a local whose bindings say its type. A chain
 * starting anywhere else (a loop variable, a subscript, a literal) is left out.
 */
final class References {

    private final FileRows rows;
    private final Map<String, Object[]> nodes;
    private final List<Object[]> sorted = new ArrayList<>();
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
    private final Map<String, String> valueAliases = new HashMap<>(); // NAME -> value_alias prop
    private final Set<String> starExternals = new HashSet<>(); // EXTERNAL nodes of names only a star import provides
    private final Map<String, List<String>> writes = new HashMap<>(); // VARIABLE -> the NAMEs that bind it
    private final Set<String> typing = new HashSet<>();
    private final Map<Long, Object[]> namesAt = new HashMap<>();
    private final Map<Long, Object[]> namesEndingAt = new HashMap<>();
    private final Map<Long, List<Object[]>> byStart = new HashMap<>(); // typed and syntax nodes, largest first
    private final Map<String, Map<String, Object>> callees = new HashMap<>(); // CALL -> callee_bstart, callee_bend, keywords
    private final Set<String> moduleNames;

    References(FileRows rows, Map<String, Object[]> nodes, String module, List<ImportItem> imports,
               List<SymbolDefinition> symbols, Set<String> moduleNames) {
        this.rows = rows;
        this.nodes = nodes;
        this.module = module;
        this.moduleNames = moduleNames;
        readWrites(readProps());
        sortNodes();
        readCallees();
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

    // The constructor's loops are methods of their own: one method of them all was compiled whole by C2
    // once per loop (on-stack replacement), 0.97 s of compile time in a run of corpus M.

    /** The entity props the chains read; returns the ids of the edges that write. */
    private Set<String> readProps() {
        Set<String> writeEdges = new HashSet<>();
        for (Object[] p : rows.props()) {
            switch (FileRows.propColumn(p, FileRows.PROP_KEY)) {
                case "annotation" -> annotations.put(FileRows.propColumn(p, FileRows.PROP_ENTITY_ID), FileRows.propColumn(p, FileRows.PROP_VALUE_STRING));
                case "value_call" -> valueCalls.put(FileRows.propColumn(p, FileRows.PROP_ENTITY_ID), FileRows.propColumn(p, FileRows.PROP_VALUE_STRING));
                case "value_alias" -> valueAliases.put(FileRows.propColumn(p, FileRows.PROP_ENTITY_ID), FileRows.propColumn(p, FileRows.PROP_VALUE_STRING));
                case "external_kind" -> {
                    if ("star_import".equals(FileRows.propColumn(p, FileRows.PROP_VALUE_STRING))) {
                        starExternals.add(FileRows.propColumn(p, FileRows.PROP_ENTITY_ID));
                    }
                }
                case "access" -> {
                    if ("write".equals(FileRows.propColumn(p, FileRows.PROP_VALUE_STRING))) {
                        writeEdges.add(FileRows.propColumn(p, FileRows.PROP_ENTITY_ID));
                    }
                }
                default -> {
                }
            }
        }
        return writeEdges;
    }

    /** The NAMEs that bind each VARIABLE, through the writing edges. */
    private void readWrites(Set<String> writeEdges) {
        for (Object[] e : rows.edges()) {
            if (writeEdges.contains(FileRows.edgeColumn(e, FileRows.EDGE_ID))) {
                writes.computeIfAbsent(FileRows.edgeColumn(e, FileRows.EDGE_DST_ID), k -> new ArrayList<>()).add(FileRows.edgeColumn(e, FileRows.EDGE_SRC_ID));
            }
        }
    }

    /** Typed and syntax nodes by start, largest first, and the NAMEs by start and end. */
    private void sortNodes() {
        for (Object[] n : rows.nodes()) {
            String kind = FileRows.nodeColumn(n, FileRows.NODE_KIND);
            if (!kind.equals(NodeKind.VARIABLE.name()) && !kind.equals(NodeKind.EXTERNAL.name())) {
                sorted.add(n);
            }
        }
        sorted.sort(Comparator.comparingLong((Object[] n) -> (Long) n[FileRows.NODE_BSTART])
                .thenComparing(n -> -(Long) n[FileRows.NODE_BEND]));
        for (Object[] n : sorted) {
            if (FileRows.nodeColumn(n, FileRows.NODE_KIND).equals(NodeKind.NAME.name())) {
                namesAt.put((Long) n[FileRows.NODE_BSTART], n);
                namesEndingAt.put((Long) n[FileRows.NODE_BEND], n);
            }
            byStart.computeIfAbsent((Long) n[FileRows.NODE_BSTART], k -> new ArrayList<>()).add(n);
        }
    }

    /** Each CALL's callee span and keywords. */
    private void readCallees() {
        for (Object[] p : rows.props()) {
            String key = FileRows.propColumn(p, FileRows.PROP_KEY);
            if (key.equals("callee_bstart") || key.equals("callee_bend")) {
                callees.computeIfAbsent(FileRows.propColumn(p, FileRows.PROP_ENTITY_ID), k -> new HashMap<>())
                        .put(key, p[FileRows.PROP_VALUE_LONG]);
            } else if (key.equals("keywords")) {
                callees.computeIfAbsent(FileRows.propColumn(p, FileRows.PROP_ENTITY_ID), k -> new HashMap<>())
                        .put(key, FileRows.propColumn(p, FileRows.PROP_VALUE_STRING));
            }
        }
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

    /** Every attribute chain and every call of a chain or name, with a known root. */
    List<ModuleSummary.Reference> references() {
        List<ModuleSummary.Reference> out = new ArrayList<>();
        for (Object[] n : sorted) {
            String kind = FileRows.nodeColumn(n, FileRows.NODE_KIND);
            String id = FileRows.nodeColumn(n, FileRows.NODE_ID);
            if (kind.equals(NodeKind.ATTRIBUTE.name())) {
                decompose(n).ifPresent(c -> out.add(new ModuleSummary.Reference(id, false, c.root, c.steps)));
            } else if (kind.equals(NodeKind.CALL.name())) {
                Map<String, Object> callee = callees.get(id);
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
                out.add(new ModuleSummary.Keyword(FileRows.nodeColumn(name, FileRows.NODE_ID), k.substring(colon + 1)));
            }
        }
        return out;
    }

    private record Chain(ModuleSummary.Root root, List<String> steps) {
        Chain then(String step) {
            List<String> longer = new ArrayList<>(steps);
            longer.add(step);
            return new Chain(root, longer);
        }
    }

    /**
     * The chain spanning exactly {@code [start, end)}: a NAME with a known root, followed by attribute
     * names and calls ({@code a.b(x).c} is the root {@code a} with steps {@code b, (), c}); or
     * {@code super().a} in a method, rooted at the method's class. Anything else (a subscript, a
     * literal, a parenthesized expression) is no chain.
     */
    private java.util.Optional<Chain> chain(long start, long end) {
        Object[] node = spanning(start, end);
        return node == null ? java.util.Optional.empty() : decompose(node);
    }

    private java.util.Optional<Chain> decompose(Object[] node) {
        String kind = FileRows.nodeColumn(node, FileRows.NODE_KIND);
        long start = (Long) node[FileRows.NODE_BSTART];
        long end = (Long) node[FileRows.NODE_BEND];
        if (kind.equals(NodeKind.NAME.name())) {
            ModuleSummary.Root root = rootOf(node);
            return root == null ? java.util.Optional.empty() : java.util.Optional.of(new Chain(root, List.of()));
        }
        if (kind.equals(NodeKind.CALL.name())) {
            Map<String, Object> callee = callees.get(FileRows.nodeColumn(node, FileRows.NODE_ID));
            Object[] function = callee == null || (Long) callee.get("callee_bstart") != start ? null
                    : spanning(start, (Long) callee.get("callee_bend"));
            return function == null ? java.util.Optional.empty() : decompose(function).map(c -> c.then(PythonLinker.CALL_STEP));
        }
        if (!kind.equals(NodeKind.ATTRIBUTE.name())) {
            return java.util.Optional.empty();
        }
        Object[] object = null;
        for (Object[] n : byStart.getOrDefault(start, List.of())) {
            if ((Long) n[FileRows.NODE_BEND] < end) {
                object = n; // the largest node that starts with the attribute and ends before it
                break;
            }
        }
        Object[] name = namesEndingAt.get(end);
        if (object == null || name == null) {
            return java.util.Optional.empty();
        }
        String attribute = FileRows.nodeColumn(name, FileRows.NODE_NAME);
        if (FileRows.nodeColumn(object, FileRows.NODE_KIND).equals(NodeKind.CALL.name()) && "super".equals(FileRows.nodeColumn(object, FileRows.NODE_NAME))) {
            String cls = classSymbols.get(container.get(enclosedBy.get(FileRows.nodeColumn(object, FileRows.NODE_ID))));
            return cls == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new Chain(ModuleSummary.Root.superOf(cls), List.of(attribute)));
        }
        return decompose(object).map(c -> c.then(attribute));
    }

    /** The NAME, ATTRIBUTE or CALL spanning exactly {@code [start, end)}, or null. */
    private Object[] spanning(long start, long end) {
        for (Object[] n : byStart.getOrDefault(start, List.of())) {
            long e = (Long) n[FileRows.NODE_BEND];
            String kind = FileRows.nodeColumn(n, FileRows.NODE_KIND);
            if (e == end && (kind.equals(NodeKind.NAME.name()) || kind.equals(NodeKind.ATTRIBUTE.name())
                    || kind.equals(NodeKind.CALL.name()))) {
                return n;
            }
        }
        return null;
    }

    /** Where a chain whose first NAME is {@code name} starts, or null when the linker cannot know. */
    ModuleSummary.Root rootOf(Object[] name) {
        String target = refersTo.get(FileRows.nodeColumn(name, FileRows.NODE_ID));
        Object[] t = target == null ? null : nodes.get(target);
        if (t == null) {
            return null;
        }
        String kind = FileRows.nodeColumn(t, FileRows.NODE_KIND);
        if (kind.equals(NodeKind.VARIABLE.name())) {
            if (module != null && module.equals(declaredIn.get(target))) {
                return ModuleSummary.Root.moduleName(FileRows.nodeColumn(t, FileRows.NODE_NAME));
            }
            return importVariables.contains(target) ? ModuleSummary.Root.importedVariable(target) : localType(target);
        }
        if (kind.equals(NodeKind.EXTERNAL.name()) && starExternals.contains(target)) {
            // from turtle import *; Turtle.__init__(...): the module-level name the star import gives
            return ModuleSummary.Root.moduleName(FileRows.nodeColumn(t, FileRows.NODE_NAME));
        }
        if (kind.equals(NodeKind.PARAMETER.name())) {
            String cls = selfClass.get(target);
            if (cls != null) {
                return ModuleSummary.Root.selfOf(cls);
            }
            String annotation = annotations.get(target);
            if (annotation != null) {
                return instanceOf(annotation);
            }
            // unannotated with a default: what the default is (Pyright's inferred parameter type), as
            // far as a caller does not pass another value
            String call = valueCalls.get(target);
            ModuleSummary.Root value = call != null ? chain(call, ModuleSummary.Root::resultOf)
                    : valueAliases.containsKey(target) ? chain(valueAliases.get(target), ModuleSummary.Root::aliasOf) : null;
            return value == null ? null : ModuleSummary.Root.defaultOf(value);
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
        // Bindings whose value says nothing (x = None, a parameter's value, an unknown call's result)
        // take nothing away, as in Pyright's union of the assigned types; two that say different
        // things leave no type.
        List<String> telling = new ArrayList<>();
        for (String n : names) {
            if (valueCalls.containsKey(n) || valueAliases.containsKey(n)) {
                telling.add(n);
            }
        }
        String call = same(telling, valueCalls);
        if (call != null) {
            return chain(call, ModuleSummary.Root::resultOf);
        }
        String alias = same(telling, valueAliases); // text = self.text
        return alias == null ? null : chain(alias, ModuleSummary.Root::aliasOf);
    }

    /** The {@code bstart:dotted} prop every one of {@code names} has with one and the same dotted name (the first), else null. */
    private static String same(List<String> names, Map<String, String> props) {
        String first = null;
        for (String n : names) {
            String v = props.get(n);
            if (v == null || first != null && !first.substring(first.indexOf(':')).equals(v.substring(v.indexOf(':')))) {
                return null;
            }
            first = first == null ? v : first;
        }
        return first;
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
        Map<String, Map<String, String>> props = propValues("bases", "metaclass", "store", "binding_sites");
        Map<String, String> stores = props.get("store");
        Map<String, String> sites = props.get("binding_sites");
        List<ModuleSummary.ClassInfo> out = new ArrayList<>();
        for (SymbolDefinition c : symbols) {
            if (c.kind() != SymbolKind.CLASS) {
                continue;
            }
            String metaclass = props.get("metaclass").get(c.defNodeId());
            out.add(new ModuleSummary.ClassInfo(c.symbol(), c.defNodeId(), bases(props.get("bases").get(c.defNodeId())),
                    members(c, symbols, stores, sites), metaclass == null ? null : base(metaclass)));
        }
        return out;
    }

    /**
     * Per key, each entity's value of that prop, in one pass over the file's props. (The loops of
     * {@link #classes} and {@link #types} are methods of their own, as the constructor's are.)
     */
    private Map<String, Map<String, String>> propValues(String... keys) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (String key : keys) {
            out.put(key, new HashMap<>());
        }
        for (Object[] p : rows.props()) {
            Map<String, String> values = out.get(FileRows.propColumn(p, FileRows.PROP_KEY));
            if (values != null) {
                values.put(FileRows.propColumn(p, FileRows.PROP_ENTITY_ID), FileRows.propColumn(p, FileRows.PROP_VALUE_STRING));
            }
        }
        return out;
    }

    /** The known classes of a {@code bases} prop ({@code bstart:dotted,...}). */
    private List<ModuleSummary.Base> bases(String prop) {
        List<ModuleSummary.Base> bases = new ArrayList<>();
        if (prop != null) {
            for (String base : prop.split(",")) {
                ModuleSummary.Base b = base(base);
                if (b != null) {
                    bases.add(b);
                }
            }
        }
        return bases;
    }

    /** The symbols defined directly in class {@code c}, each with how it is declared. */
    private static List<ModuleSummary.Member> members(SymbolDefinition c, List<SymbolDefinition> symbols,
                                                      Map<String, String> stores, Map<String, String> sites) {
        List<ModuleSummary.Member> members = new ArrayList<>();
        for (SymbolDefinition m : symbols) {
            String rest = m.symbol().startsWith(c.symbol()) ? m.symbol().substring(c.symbol().length()) : null;
            if (rest == null || rest.isEmpty() || !isOneDescriptor(rest, m.kind())) {
                continue;
            }
            String declaration = m.kind() != SymbolKind.ATTRIBUTE || annotated(m.defNodeId(), stores, sites)
                    ? ModuleSummary.Member.TYPED
                    : stores.containsKey(m.defNodeId()) ? ModuleSummary.Member.INFERRED : ModuleSummary.Member.ASSIGNED;
            members.add(new ModuleSummary.Member(m.name(), m.symbol(), m.kind().name(), m.defNodeId(), declaration));
        }
        return members;
    }

    /** A class named by a {@code bstart:dotted} prop ({@code bases}, {@code metaclass}), or null when its first name is not known. */
    private ModuleSummary.Base base(String dotted) {
        return chain(dotted, ModuleSummary.Base::new);
    }

    /**
     * The declared or evident types of the file's symbols, as instance roots ({@code i:}) or call
     * results ({@code r:}): a function's or method's return annotation (what calling it gives); an
     * attribute's or module variable's annotation, else the call that binds it ({@code x = Foo()},
     * {@code self.x = Foo()}).
     */
    java.util.SortedMap<String, String> types(List<SymbolDefinition> symbols) {
        Map<String, String> returns = propValues("returns").get("returns");
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        for (SymbolDefinition d : symbols) {
            ModuleSummary.Root type = typeOf(d, returns);
            if (type != null) {
                out.putIfAbsent(d.symbol(), type.text());
            }
        }
        return out;
    }

    /** A symbol's declared or evident type ({@link #types}), or null. */
    private ModuleSummary.Root typeOf(SymbolDefinition d, Map<String, String> returns) {
        return switch (d.kind()) {
            case FUNCTION, METHOD -> returns.containsKey(d.defNodeId()) ? instanceOf(returns.get(d.defNodeId()))
                    : bindingType(d.defNodeId()); // the first return's value: value_call, value_alias
            case ATTRIBUTE, VARIABLE -> {
                String id = d.defNodeId();
                Object[] def = nodes.get(id);
                if (def != null && NodeKind.VARIABLE.name().equals(FileRows.nodeColumn(def, FileRows.NODE_KIND))) {
                    Object[] name = namesAt.get(d.bstart()); // a variable spans its first binding's NAME
                    id = name == null ? null : FileRows.nodeColumn(name, FileRows.NODE_ID);
                }
                yield id == null ? null : bindingType(id);
            }
            default -> null;
        };
    }

    /** The type a binding NAME or ATTRIBUTE gives by its annotation, else by the call it is assigned, else by the name it aliases. */
    private ModuleSummary.Root bindingType(String binding) {
        String annotation = annotations.get(binding);
        if (annotation != null) {
            return instanceOf(annotation);
        }
        String call = valueCalls.get(binding);
        if (call != null) {
            return chain(call, ModuleSummary.Root::resultOf);
        }
        String alias = valueAliases.get(binding);
        return alias == null ? null : chain(alias, ModuleSummary.Root::aliasOf);
    }

    /**
     * What {@code kind} makes of the dotted name of a {@code bstart:dotted} prop ({@code value_call},
     * {@code value_alias}, {@code bases}): its root, wherever that is, and the names after it; null
     * when the root is not known.
     */
    private <T> T chain(String dotted, java.util.function.BiFunction<ModuleSummary.Root, List<String>, T> kind) {
        int colon = dotted.indexOf(':');
        Object[] first = namesAt.get(Long.parseLong(dotted.substring(0, colon)));
        ModuleSummary.Root root = first == null ? null : rootOf(first);
        if (root == null) {
            return null;
        }
        List<String> parts = List.of(dotted.substring(colon + 1).split("\\."));
        return kind.apply(root, parts.subList(1, parts.size()));
    }

    /**
     * Whether a class member has an explicit annotation: {@code self.x: T = ...}, or a class variable
     * bound by {@code x: T} or {@code x: T = ...}. Pyright prefers such a declaration up the MRO to
     * an assignment without one.
     */
    private static boolean annotated(String defNode, Map<String, String> stores, Map<String, String> sites) {
        if ("annotated".equals(stores.get(defNode))) {
            return true;
        }
        String s = sites.get(defNode);
        return s != null && (s.contains("annassign") || s.contains("annotation"));
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
