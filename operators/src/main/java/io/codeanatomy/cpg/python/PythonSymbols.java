package io.codeanatomy.cpg.python;

import io.codeanatomy.cpg.EdgeKind;
import io.codeanatomy.cpg.FileRows;
import io.codeanatomy.cpg.NodeKind;
import io.codeanatomy.cpg.SymbolDefinition;
import io.codeanatomy.cpg.SymbolKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The symbols a Python file defines, named as SCIP names them (scip-python's descriptors, without its
 * package prefix): the module {@code `pkg.mod`/}, a class {@code `pkg.mod`/C#}, a function
 * {@code `pkg.mod`/f().}, a method {@code `pkg.mod`/C#m().}, a module variable {@code `pkg.mod`/X.},
 * a class attribute {@code `pkg.mod`/C#x.}, a parameter {@code `pkg.mod`/C#m().(p)}; nested
 * definitions chain ({@code `pkg.mod`/f().g().}). Derived from the file's rows: CONTAINS gives a
 * definition's container, DECLARES a variable's scope, HAS_PARAMETER a parameter's function. Function
 * locals, lambdas and comprehensions define no symbol, and neither does a name bound only by
 * {@code def}, {@code class} or {@code import} (the definition or the imported symbol is the symbol).
 */
public final class PythonSymbols {
    private static final Pattern SIMPLE = Pattern.compile("[A-Za-z0-9_+$-]+");
    private static final Set<String> NOT_A_VARIABLE = Set.of("def", "class", "import");

    private PythonSymbols() {
    }

    public static List<SymbolDefinition> of(FileRows rows) {
        Definitions definitions = new Definitions(rows);
        List<SymbolDefinition> out = new ArrayList<>();
        for (Object[] n : rows.nodes()) {
            SymbolDefinition d = definitions.of(n);
            if (d != null) {
                out.add(d);
            }
        }
        addInstanceAttributes(rows, definitions.nodes, definitions.descriptors, out);
        return out;
    }

    /**
     * What a node's definition depends on in its file. (Each loop of {@link #of} and
     * {@link #addInstanceAttributes} is a method of its own: C2 compiled the whole method once per
     * loop, on-stack.)
     */
    private static final class Definitions {
        final Map<String, Object[]> nodes;
        final Map<String, String> container;
        final Map<String, String> declaredIn;
        final Map<String, String> parameterOf;
        final Map<String, String> bindingSites;
        final Descriptors descriptors;

        Definitions(FileRows rows) {
            nodes = rows.nodesById();
            container = rows.sourceByDestination(EdgeKind.CONTAINS);
            declaredIn = rows.sourceByDestination(EdgeKind.DECLARES);
            parameterOf = rows.sourceByDestination(EdgeKind.HAS_PARAMETER);
            bindingSites = bindingSites(rows);
            descriptors = new Descriptors(nodes, container);
        }

        private static Map<String, String> bindingSites(FileRows rows) {
            Map<String, String> sites = new HashMap<>();
            for (Object[] p : rows.props()) {
                if ("binding_sites".equals(FileRows.propColumn(p, FileRows.PROP_KEY))) {
                    sites.put(FileRows.propColumn(p, FileRows.PROP_ENTITY_ID), FileRows.propColumn(p, FileRows.PROP_VALUE_STRING));
                }
            }
            return sites;
        }

        /** The symbol node {@code n} defines, or null. */
        SymbolDefinition of(Object[] n) {
            String id = FileRows.nodeColumn(n, FileRows.NODE_ID);
            String name = FileRows.nodeColumn(n, FileRows.NODE_NAME);
            NodeKind kind = NodeKind.valueOf(FileRows.nodeColumn(n, FileRows.NODE_KIND));
            String symbol = null;
            SymbolKind symbolKind = null;
            switch (kind) {
                case MODULE, CLASS, FUNCTION -> {
                    symbol = descriptors.of(id);
                    symbolKind = kind == NodeKind.MODULE ? SymbolKind.MODULE : kind == NodeKind.CLASS ? SymbolKind.CLASS
                            : isKind(nodes.get(container.get(id)), NodeKind.CLASS) ? SymbolKind.METHOD : SymbolKind.FUNCTION;
                }
                case VARIABLE -> {
                    Object[] scope = nodes.get(declaredIn.get(id));
                    if (name != null && !NOT_A_VARIABLE.containsAll(sites(bindingSites.get(id)))
                            && (isKind(scope, NodeKind.MODULE) || isKind(scope, NodeKind.CLASS))) {
                        String owner = descriptors.of(declaredIn.get(id));
                        symbol = owner == null ? null : owner + escape(name) + ".";
                        symbolKind = isKind(scope, NodeKind.MODULE) ? SymbolKind.VARIABLE : SymbolKind.ATTRIBUTE;
                    }
                }
                case PARAMETER -> {
                    String function = parameterOf.get(id);
                    if (name != null && isKind(nodes.get(function), NodeKind.FUNCTION)) {
                        String owner = descriptors.of(function);
                        symbol = owner == null ? null : owner + "(" + escape(name) + ")";
                        symbolKind = SymbolKind.PARAMETER;
                    }
                }
                default -> {
                }
            }
            return symbol == null ? null : new SymbolDefinition(symbol, symbolKind, name, id, (Long) n[FileRows.NODE_BSTART],
                    (Long) n[FileRows.NODE_BEND], (Integer) n[FileRows.NODE_START_LINE]);
        }
    }

    /**
     * {@code self.x = ...} in a method of class C defines the attribute {@code C#x.} (as Pyright and
     * scip-python have it), at its first assignment in source order, unless C's body defines x. An
     * augmented assignment ({@code self.x += 1}) reads x first and defines nothing.
     */
    private static void addInstanceAttributes(FileRows rows, Map<String, Object[]> nodes, Descriptors descriptors,
                                              List<SymbolDefinition> out) {
        Set<String> stored = storedNotAugmented(rows);
        if (stored.isEmpty()) {
            return;
        }
        Map<String, String> selfClass = SelfParameters.of(rows, nodes);
        Map<String, String> refersTo = rows.destinationBySource(EdgeKind.REFERS_TO);
        Map<Long, Object[]> namesAt = rows.namesByStart();
        Set<String> defined = new java.util.HashSet<>();
        for (SymbolDefinition d : out) {
            defined.add(d.symbol());
        }
        for (Object[] n : rows.nodes()) {
            String id = FileRows.nodeColumn(n, FileRows.NODE_ID);
            if (stored.contains(id) && NodeKind.ATTRIBUTE.name().equals(FileRows.nodeColumn(n, FileRows.NODE_KIND))) {
                addInstanceAttribute(n, id, namesAt, selfClass, refersTo, descriptors, defined, out);
            }
        }
    }

    /** The ATTRIBUTE {@code n} (stored, not augmented) as an attribute of the class of its {@code self}, unless known. */
    private static void addInstanceAttribute(Object[] n, String id, Map<Long, Object[]> namesAt, Map<String, String> selfClass,
                                             Map<String, String> refersTo, Descriptors descriptors, Set<String> defined,
                                             List<SymbolDefinition> out) {
        Object[] object = namesAt.get((Long) n[FileRows.NODE_BSTART]);
        String cls = object == null ? null : selfClass.get(refersTo.get(FileRows.nodeColumn(object, FileRows.NODE_ID)));
        String owner = cls == null ? null : descriptors.of(cls);
        String name = FileRows.nodeColumn(n, FileRows.NODE_NAME);
        if (owner == null || name == null) {
            return;
        }
        String symbol = owner + escape(name) + ".";
        if (defined.add(symbol)) {
            out.add(new SymbolDefinition(symbol, SymbolKind.ATTRIBUTE, name, id, (Long) n[FileRows.NODE_BSTART],
                    (Long) n[FileRows.NODE_BEND], (Integer) n[FileRows.NODE_START_LINE]));
        }
    }

    /** The entities with a {@code store} prop other than {@code augmented}. */
    private static Set<String> storedNotAugmented(FileRows rows) {
        Set<String> stored = new java.util.HashSet<>();
        for (Object[] p : rows.props()) {
            if ("store".equals(FileRows.propColumn(p, FileRows.PROP_KEY)) && !"augmented".equals(FileRows.propColumn(p, FileRows.PROP_VALUE_STRING))) {
                stored.add(FileRows.propColumn(p, FileRows.PROP_ENTITY_ID));
            }
        }
        return stored;
    }


    private static List<String> sites(String value) {
        return value == null || value.isEmpty() ? List.of() : List.of(value.split(","));
    }

    private static boolean isKind(Object[] node, NodeKind kind) {
        return node != null && kind.name().equals(FileRows.nodeColumn(node, FileRows.NODE_KIND));
    }

    /**
     * The symbol of the module with dotted name {@code module}, escaped as any SCIP name is:
     * {@code `pkg.mod`/}, but {@code attrs/} for a simple name (as scip-python writes them).
     */
    public static String moduleSymbol(String module) {
        return (module.isEmpty() ? "``" : escape(module)) + "/";
    }

    /** The dotted module name of a module symbol ({@code `pkg.mod`/} or {@code attrs/}). */
    public static String moduleOf(String moduleSymbol) {
        String name = moduleSymbol.substring(0, moduleSymbol.length() - 1);
        return name.startsWith("`") ? name.substring(1, name.length() - 1).replace("``", "`") : name;
    }

    /**
     * A symbol as the dotted qualified name Python's own tools print: {@code `pkg.mod`/Class#f().} is
     * {@code pkg.mod.Class.f}, {@code f().(x)} is {@code f.x}; a name outside the repository (already
     * dotted, {@code json.dumps}) stays as it is. What benchmarks compare with other indexers.
     */
    public static String dotted(String symbol) {
        int slash = moduleEnd(symbol);
        if (slash < 0) {
            return symbol;
        }
        String module = moduleOf(symbol.substring(0, slash + 1));
        String rest = symbol.substring(slash + 1).replace("().", ".").replace('#', '.').replace("(", "").replace(")", "");
        while (rest.endsWith(".")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return rest.isEmpty() ? module : module + "." + rest;
    }

    /** The index of the slash that ends a symbol's module part, or -1 for a dotted outside name. */
    private static int moduleEnd(String symbol) {
        if (symbol.startsWith("`")) {
            int i = 1;
            while (i < symbol.length()) {
                if (symbol.charAt(i) == '`') {
                    if (i + 1 < symbol.length() && symbol.charAt(i + 1) == '`') {
                        i += 2;
                        continue;
                    }
                    return i + 1 < symbol.length() && symbol.charAt(i + 1) == '/' ? i + 1 : -1;
                }
                i++;
            }
            return -1;
        }
        return symbol.indexOf('/');
    }

    /** A SCIP name: as is when simple, else in backticks with backticks doubled. */
    public static String escape(String name) {
        return SIMPLE.matcher(name).matches() ? name : "`" + name.replace("`", "``") + "`";
    }

    /** Descriptors of MODULE, CLASS and FUNCTION nodes by their CONTAINS chain, memoised. */
    private static final class Descriptors {
        private final Map<String, Object[]> nodes;
        private final Map<String, String> container;
        private final Map<String, String> memo = new HashMap<>();

        Descriptors(Map<String, Object[]> nodes, Map<String, String> container) {
            this.nodes = nodes;
            this.container = container;
        }

        /** The descriptor of a definition node, or null when it is not one (or its chain is broken). */
        String of(String id) {
            if (id == null) {
                return null;
            }
            if (memo.containsKey(id)) {
                return memo.get(id);
            }
            Object[] node = nodes.get(id);
            String result = null;
            if (node != null) {
                String name = FileRows.nodeColumn(node, FileRows.NODE_NAME);
                String kind = FileRows.nodeColumn(node, FileRows.NODE_KIND);
                if (kind.equals(NodeKind.MODULE.name())) {
                    result = moduleSymbol(name == null ? "" : name);
                } else if (name != null && (kind.equals(NodeKind.CLASS.name()) || kind.equals(NodeKind.FUNCTION.name()))) {
                    String outer = of(container.get(id));
                    result = outer == null ? null : outer + escape(name) + (kind.equals(NodeKind.CLASS.name()) ? "#" : "().");
                }
            }
            memo.put(id, result);
            return result;
        }
    }
}
