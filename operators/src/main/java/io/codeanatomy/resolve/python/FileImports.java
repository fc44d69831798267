package io.codeanatomy.resolve.python;

import io.codeanatomy.cpg.EdgeKind;
import io.codeanatomy.cpg.FileRows;
import io.codeanatomy.cpg.NodeKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The imports of one Python file, read from its rows: each IMPORT node (named by its full target,
 * {@code pkg.mod.x} or {@code ..rel.x}, with props {@code from_module} and {@code alias}) and the
 * CONTAINS edge that says whether a module, class or function holds it. What the linker resolves.
 */
public final class FileImports {
    private FileImports() {
    }

    public static List<ImportItem> of(FileRows rows) {
        Map<String, Object[]> nodes = rows.nodesById();
        Map<String, String> container = rows.sourceByDestination(EdgeKind.CONTAINS);
        // Each loop over the rows is a method: the JIT compiles each alone, not all of them inlined per loop.
        Map<String, Map<String, String>> props = importProps(rows);
        Map<String, String> refersTo = rows.destinationBySource(EdgeKind.REFERS_TO);
        NavigableMap<Long, Object[]> names = rows.namesByStart();
        List<ImportItem> out = new ArrayList<>();
        for (Object[] n : rows.nodes()) {
            if (!NodeKind.IMPORT.name().equals(FileRows.nodeColumn(n, FileRows.NODE_KIND))) {
                continue;
            }
            String id = FileRows.nodeColumn(n, FileRows.NODE_ID);
            String target = FileRows.nodeColumn(n, FileRows.NODE_NAME);
            Map<String, String> p = props.getOrDefault(id, Map.of());
            String from = p.get("from_module");
            String alias = p.get("alias");
            Object[] holder = nodes.get(container.get(id));
            boolean moduleLevel = holder != null && NodeKind.MODULE.name().equals(FileRows.nodeColumn(holder, FileRows.NODE_KIND));
            try {
                if (from == null) {
                    ImportSpec module = ImportSpec.parse(target);
                    String bound = alias != null ? alias : module.parts().get(0);
                    out.add(new ImportItem(id, module, null, bound, boundVariable(n, bound, names, refersTo), moduleLevel,
                            alias != null));
                } else {
                    String member = target.substring(from.endsWith(".") ? from.length() : from.length() + 1);
                    String bound = member.equals("*") ? null : alias != null ? alias : member;
                    out.add(new ImportItem(id, ImportSpec.parse(from), member, bound,
                            bound == null ? null : boundVariable(n, bound, names, refersTo), moduleLevel, alias != null));
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
                // An import tree-sitter recovered from a syntax error: nothing to resolve.
            }
        }
        return out;
    }

    /** The {@code from_module} and {@code alias} props, by import node id. */
    private static Map<String, Map<String, String>> importProps(FileRows rows) {
        Map<String, Map<String, String>> props = new HashMap<>();
        for (Object[] p : rows.props()) {
            String key = FileRows.propColumn(p, FileRows.PROP_KEY);
            if (key.equals("from_module") || key.equals("alias")) {
                props.computeIfAbsent(FileRows.propColumn(p, FileRows.PROP_ENTITY_ID), k -> new HashMap<>())
                        .put(key, FileRows.propColumn(p, FileRows.PROP_VALUE_STRING));
            }
        }
        return props;
    }


    /** The VARIABLE the import's binding NAME (its last NAME spelled {@code bound}: the alias, if any) refers to. */
    private static String boundVariable(Object[] importNode, String bound, NavigableMap<Long, Object[]> names,
                                        Map<String, String> refersTo) {
        long start = (Long) importNode[FileRows.NODE_BSTART];
        long end = (Long) importNode[FileRows.NODE_BEND];
        String variable = null;
        for (Object[] name : names.subMap(start, true, end, false).values()) {
            if (bound.equals(FileRows.nodeColumn(name, FileRows.NODE_NAME))) {
                variable = refersTo.get(FileRows.nodeColumn(name, FileRows.NODE_ID));
            }
        }
        return variable;
    }
}
