package io.codeanatomy.resolve.python;

import io.codeanatomy.cpg.EdgeKind;
import io.codeanatomy.cpg.FileRows;
import io.codeanatomy.cpg.NodeKind;
import io.codeanatomy.cpg.SymbolDefinition;
import io.codeanatomy.cpg.SymbolKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a Python file's {@link ModuleSummary} off its finished rows and symbols: the imports
 * ({@link FileImports}), the module-level binding events from the scope layer's REFERS_TO writes to
 * the variables the MODULE declares, the star-import EXTERNAL nodes, and the {@code all_effect} props.
 */
public final class ModuleSummaries {
    private ModuleSummaries() {
    }

    public static ModuleSummary of(FileRows rows, List<SymbolDefinition> symbols) {
        // Each loop over the rows is a method of its own: the JIT compiles a loop it enters hot
        // on its own, not the whole summary once per loop with everything inlined.
        List<ImportItem> imports = FileImports.of(rows);
        Map<String, Object[]> nodes = rows.nodesById();
        String module = moduleId(rows);
        Props props = Props.of(rows, nodes);
        TreeMap<String, String> starReferences = new TreeMap<>();
        props.externalKinds.forEach((id, kind) -> {
            Object[] node = nodes.get(id);
            if (kind.equals("star_import") && node != null) {
                starReferences.put(FileRows.nodeColumn(node, FileRows.NODE_NAME), id);
            }
        });
        TreeMap<String, List<ModuleSummary.Binding>> bindings = module == null ? new TreeMap<>()
                : bindings(rows, symbols, imports, nodes, module, props);
        References references = new References(rows, nodes, module, imports, symbols, bindings.keySet());
        List<String> parameters = new ArrayList<>();
        for (SymbolDefinition d : symbols) {
            if (d.kind() == SymbolKind.PARAMETER) {
                parameters.add(d.symbol());
            }
        }
        return new ModuleSummary(imports, bindings, starReferences, props.allEffects.values().stream().flatMap(List::stream).toList(),
                references.references(), references.classes(symbols), parameters, references.types(symbols));
    }

    private static String moduleId(FileRows rows) {
        for (Object[] n : rows.nodes()) {
            if (NodeKind.MODULE.name().equals(FileRows.nodeColumn(n, FileRows.NODE_KIND))) {
                return FileRows.nodeColumn(n, FileRows.NODE_ID);
            }
        }
        return null;
    }

    /** The props the summary reads, by entity id ({@code all_effect} by the position of its NAME). */
    private record Props(Map<String, String> access, Map<String, String> branches,
                         TreeMap<Long, List<String>> allEffects, Map<String, String> externalKinds) {
        static Props of(FileRows rows, Map<String, Object[]> nodes) {
            Props props = new Props(new HashMap<>(), new HashMap<>(), new TreeMap<>(), new HashMap<>());
            for (Object[] p : rows.props()) {
                switch (FileRows.propColumn(p, FileRows.PROP_KEY)) {
                    case "access" -> props.access.put(FileRows.propColumn(p, FileRows.PROP_ENTITY_ID), FileRows.propColumn(p, FileRows.PROP_VALUE_STRING));
                    case "all_effect" -> {
                        Object[] name = nodes.get(FileRows.propColumn(p, FileRows.PROP_ENTITY_ID));
                        if (name != null) {
                            // A sum (a.__all__ + ['x']) is several effects joined by ';' (StaticAll).
                            props.allEffects.put((Long) name[FileRows.NODE_BSTART],
                                    List.of(FileRows.propColumn(p, FileRows.PROP_VALUE_STRING).split(";")));
                        }
                    }
                    case "branch" -> props.branches.put(FileRows.propColumn(p, FileRows.PROP_ENTITY_ID), FileRows.propColumn(p, FileRows.PROP_VALUE_STRING));
                    case "external_kind" -> props.externalKinds.put(FileRows.propColumn(p, FileRows.PROP_ENTITY_ID), FileRows.propColumn(p, FileRows.PROP_VALUE_STRING));
                    default -> {
                    }
                }
            }
            return props;
        }
    }

    /** The bindings of each module variable, in the order of their binding NAMEs. */
    private static TreeMap<String, List<ModuleSummary.Binding>> bindings(FileRows rows, List<SymbolDefinition> symbols,
            List<ImportItem> imports, Map<String, Object[]> nodes, String module, Props props) {
        Map<String, String> declaredIn = rows.sourceByDestination(EdgeKind.DECLARES);
        Definitions definitions = new Definitions(symbols);
        // (position of the binding NAME, variable name, binding) for every write of a module variable
        TreeMap<Long, Map.Entry<String, ModuleSummary.Binding>> events = new TreeMap<>();
        for (Object[] e : rows.edges()) {
            if (!EdgeKind.REFERS_TO.name().equals(FileRows.edgeColumn(e, FileRows.EDGE_KIND))
                    || !"write".equals(props.access.get(FileRows.edgeColumn(e, FileRows.EDGE_ID)))) {
                continue;
            }
            String variable = FileRows.edgeColumn(e, FileRows.EDGE_DST_ID);
            Object[] name = nodes.get(FileRows.edgeColumn(e, FileRows.EDGE_SRC_ID));
            if (!module.equals(declaredIn.get(variable)) || name == null) {
                continue;
            }
            String text = FileRows.nodeColumn(name, FileRows.NODE_NAME);
            long at = (Long) name[FileRows.NODE_BSTART];
            ModuleSummary.Binding binding = importAt(imports, nodes, at);
            if (binding == null) {
                binding = definitions.at(text, at);
            }
            if (binding != null) {
                events.put(at, Map.entry(text, binding.in(props.branches.get(FileRows.edgeColumn(e, FileRows.EDGE_SRC_ID)))));
            }
        }
        TreeMap<String, List<ModuleSummary.Binding>> bindings = new TreeMap<>();
        for (Map.Entry<String, ModuleSummary.Binding> e : events.values()) {
            bindings.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        return bindings;
    }

    /** The import whose item holds the binding NAME at {@code at}, or null. */
    private static ModuleSummary.Binding importAt(List<ImportItem> imports, Map<String, Object[]> nodes, long at) {
        for (int i = 0; i < imports.size(); i++) {
            Object[] node = nodes.get(imports.get(i).nodeId());
            if (node != null && (Long) node[FileRows.NODE_BSTART] <= at && at < (Long) node[FileRows.NODE_BEND]) {
                return ModuleSummary.Binding.ofImport(i);
            }
        }
        return null;
    }

    /** The file's top-level definitions: a class or function whose span holds the binding, else the module variable. */
    private static final class Definitions {
        private final Map<String, List<SymbolDefinition>> byName = new HashMap<>();
        private final String moduleSymbol;

        Definitions(List<SymbolDefinition> symbols) {
            String m = null;
            for (SymbolDefinition d : symbols) {
                if (d.kind() == SymbolKind.MODULE) {
                    m = d.symbol();
                }
            }
            moduleSymbol = m;
            for (SymbolDefinition d : symbols) {
                if (m != null && d.kind() != SymbolKind.MODULE && isTopLevel(d)) {
                    byName.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d);
                }
            }
        }

        private boolean isTopLevel(SymbolDefinition d) {
            String rest = d.symbol().startsWith(moduleSymbol) ? d.symbol().substring(moduleSymbol.length()) : null;
            if (rest == null) {
                return false;
            }
            return switch (d.kind()) {
                case CLASS -> rest.endsWith("#") && rest.indexOf('#') == rest.length() - 1 && !rest.contains("().");
                case FUNCTION -> rest.endsWith("().") && rest.indexOf("().") == rest.length() - 3 && !rest.contains("#");
                case VARIABLE -> true;
                default -> false;
            };
        }

        ModuleSummary.Binding at(String name, long at) {
            SymbolDefinition variable = null;
            for (SymbolDefinition d : byName.getOrDefault(name, List.of())) {
                if (d.kind() == SymbolKind.VARIABLE) {
                    variable = d;
                } else if (d.bstart() <= at && at < d.bend()) {
                    return ModuleSummary.Binding.ofDefinition(d.symbol(), d.kind().name());
                }
            }
            return variable == null ? null : ModuleSummary.Binding.ofDefinition(variable.symbol(), variable.kind().name());
        }
    }
}
