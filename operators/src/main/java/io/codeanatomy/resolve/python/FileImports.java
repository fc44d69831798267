package io.codeanatomy.resolve.python;

import io.codeanatomy.cpg.EdgeKind;
import io.codeanatomy.cpg.FileRows;
import io.codeanatomy.cpg.NodeKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        Map<String, Map<String, String>> props = new HashMap<>();
        for (Object[] p : rows.props()) {
            String key = FileRows.propColumn(p, "key");
            if (key.equals("from_module") || key.equals("alias")) {
                props.computeIfAbsent(FileRows.propColumn(p, "entity_id"), k -> new HashMap<>())
                        .put(key, FileRows.propColumn(p, "value_string"));
            }
        }
        List<ImportItem> out = new ArrayList<>();
        for (Object[] n : rows.nodes()) {
            if (!NodeKind.IMPORT.name().equals(FileRows.nodeColumn(n, "kind"))) {
                continue;
            }
            String id = FileRows.nodeColumn(n, "node_id");
            String target = FileRows.nodeColumn(n, "name");
            Map<String, String> p = props.getOrDefault(id, Map.of());
            String from = p.get("from_module");
            String alias = p.get("alias");
            Object[] holder = nodes.get(container.get(id));
            boolean moduleLevel = holder != null && NodeKind.MODULE.name().equals(FileRows.nodeColumn(holder, "kind"));
            try {
                if (from == null) {
                    ImportSpec module = ImportSpec.parse(target);
                    out.add(new ImportItem(id, module, null, alias != null ? alias : module.parts().get(0), moduleLevel));
                } else {
                    String member = target.substring(from.endsWith(".") ? from.length() : from.length() + 1);
                    out.add(new ImportItem(id, ImportSpec.parse(from), member,
                            member.equals("*") ? null : alias != null ? alias : member, moduleLevel));
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
                // An import tree-sitter recovered from a syntax error: nothing to resolve.
            }
        }
        return out;
    }
}
