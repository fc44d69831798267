package io.codeanatomy.cpg.python;

import io.codeanatomy.cpg.EdgeKind;
import io.codeanatomy.cpg.FileRows;
import io.codeanatomy.cpg.NodeKind;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code self} (or {@code cls}) of each method: the first parameter of a function a class contains
 * directly, unless it is decorated {@code @staticmethod}. By position, as Python binds it, whatever its
 * name.
 */
public final class SelfParameters {
    private SelfParameters() {
    }

    /** Each such PARAMETER's id, to the id of its method's CLASS node. */
    public static Map<String, String> of(FileRows rows, Map<String, Object[]> nodes) {
        Map<String, String> container = rows.sourceByDestination(EdgeKind.CONTAINS);
        Set<String> staticMethods = new HashSet<>();
        Map<String, Object[]> firstParameter = new HashMap<>();
        for (Object[] e : rows.edges()) {
            String kind = FileRows.edgeColumn(e, FileRows.EDGE_KIND);
            if (kind.equals(EdgeKind.DECORATES.name())) {
                Object[] decorator = nodes.get(FileRows.edgeColumn(e, FileRows.EDGE_SRC_ID));
                if (decorator != null && "staticmethod".equals(FileRows.nodeColumn(decorator, FileRows.NODE_NAME))) {
                    staticMethods.add(FileRows.edgeColumn(e, FileRows.EDGE_DST_ID));
                }
            } else if (kind.equals(EdgeKind.HAS_PARAMETER.name())) {
                Object[] p = nodes.get(FileRows.edgeColumn(e, FileRows.EDGE_DST_ID));
                Object[] first = firstParameter.get(FileRows.edgeColumn(e, FileRows.EDGE_SRC_ID));
                if (p != null && (first == null || (Long) p[FileRows.NODE_BSTART] < (Long) first[FileRows.NODE_BSTART])) {
                    firstParameter.put(FileRows.edgeColumn(e, FileRows.EDGE_SRC_ID), p);
                }
            }
        }
        Map<String, String> out = new HashMap<>();
        firstParameter.forEach((function, parameter) -> {
            String cls = container.get(function);
            Object[] holder = cls == null ? null : nodes.get(cls);
            if (holder != null && NodeKind.CLASS.name().equals(FileRows.nodeColumn(holder, FileRows.NODE_KIND))
                    && !staticMethods.contains(function)) {
                out.put(FileRows.nodeColumn(parameter, FileRows.NODE_ID), cls);
            }
        });
        return out;
    }
}
